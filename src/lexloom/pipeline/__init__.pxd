# Cython declarations for lexloom.pipeline (edit trees of the trainable_lemmatizer).
