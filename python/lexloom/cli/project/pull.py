"""weasel's `weasel.cli.pull`, at spaCy's module path (`spacy.cli.project.pull`)."""
from . import reexport_weasel

reexport_weasel(globals())
