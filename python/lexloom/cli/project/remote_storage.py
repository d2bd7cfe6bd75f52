"""weasel's `weasel.cli.remote_storage`, at spaCy's module path (`spacy.cli.project.remote_storage`)."""
from . import reexport_weasel

reexport_weasel(globals())
