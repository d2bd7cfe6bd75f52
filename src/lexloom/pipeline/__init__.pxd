# Cython declarations for lexloom.pipeline's native helpers.
