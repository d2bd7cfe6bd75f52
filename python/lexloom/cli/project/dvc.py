"""weasel's `weasel.cli.dvc`, at spaCy's module path (`spacy.cli.project.dvc`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("dvc")).items() if not k.startswith("__")})
