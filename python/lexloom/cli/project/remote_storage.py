"""weasel's `weasel.cli.remote_storage`, at spaCy's module path (`spacy.cli.project.remote_storage`)."""
from . import weasel_module

globals().update({k: v for k, v in vars(weasel_module("remote_storage")).items() if not k.startswith("__")})
