"""weasel's `weasel.cli.pull`, at spaCy's module path (`spacy.cli.project.pull`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("pull")).items() if not k.startswith("__")})
