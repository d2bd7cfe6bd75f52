# Edit trees: csrc/lexloom/edit_trees.hh bound in edit_trees.pyx.
