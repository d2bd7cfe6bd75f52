"""Edit trees of the trainable_lemmatizer: built and applied natively (edit_trees.pyx)."""
