"""weasel's `weasel.cli.push`, at spaCy's module path (`spacy.cli.project.push`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("push")).items() if not k.startswith("__")})
