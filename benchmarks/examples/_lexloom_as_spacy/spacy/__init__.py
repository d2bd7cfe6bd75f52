"""`import spacy` that gives lexloom: put this folder first on PYTHONPATH to run a spaCy
script unchanged on lexloom.

Importing this package swaps itself out of sys.modules for `lexloom` and installs a meta-path
finder that answers every `spacy.X` import with the already-imported `lexloom.X` module, so
`from spacy.matcher import Matcher` and `spacy.tokens.Doc` are lexloom's own objects.
Folders named in LEXLOOM_AS_SPACY_APPEND_PATH (os.pathsep-separated) are appended to sys.path,
after lexloom's environment, so pipeline packages installed elsewhere are found without that
environment's own `spacy` shadowing this one.
"""
from __future__ import annotations

import os
import sys

from _lexloom_alias import install

for _folder in filter(None, os.environ.get("LEXLOOM_AS_SPACY_APPEND_PATH", "").split(os.pathsep)):
    if _folder not in sys.path:
        sys.path.append(_folder)

install("spacy", "lexloom")
