"""weasel's `weasel.cli.assets`, at spaCy's module path (`spacy.cli.project.assets`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("assets")).items() if not k.startswith("__")})
