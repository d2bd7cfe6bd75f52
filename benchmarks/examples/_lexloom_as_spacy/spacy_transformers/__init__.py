"""`import spacy_transformers` that gives `lexloom.transformers` (with `import spacy` giving
lexloom, from the `spacy` shim beside this one): spacy-transformers' module names
(`data_classes`, `align`, `span_getters`, `layers.…`, `pipeline_component`, `util`,
`truncate`) are lexloom.transformers' modules of the same names."""
from __future__ import annotations

import spacy  # noqa: F401  (the lexloom shim: `spacy.X` is lexloom.X)
from _lexloom_alias import install

install("spacy_transformers", "lexloom.transformers")
