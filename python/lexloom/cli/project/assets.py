"""weasel's `weasel.cli.assets`, at spaCy's module path (`spacy.cli.project.assets`)."""
from . import reexport_weasel

reexport_weasel(globals())
