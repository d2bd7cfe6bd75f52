"""weasel's `weasel.cli.clone`, at spaCy's module path (`spacy.cli.project.clone`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("clone")).items() if not k.startswith("__")})
