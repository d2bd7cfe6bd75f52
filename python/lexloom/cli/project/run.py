"""weasel's `weasel.cli.run`, at spaCy's module path (`spacy.cli.project.run`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("run")).items() if not k.startswith("__")})
