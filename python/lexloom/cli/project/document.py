"""weasel's `weasel.cli.document`, at spaCy's module path (`spacy.cli.project.document`)."""
from . import reexport_weasel

reexport_weasel(globals())
