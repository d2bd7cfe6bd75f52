"""Model architectures, one module per family (spaCy's `spacy.ml.models`)."""
