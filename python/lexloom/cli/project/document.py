"""weasel's `weasel.cli.document`, at spaCy's module path (`spacy.cli.project.document`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("document")).items() if not k.startswith("__")})
