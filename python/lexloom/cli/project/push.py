"""weasel's `weasel.cli.push`, at spaCy's module path (`spacy.cli.project.push`)."""
from . import reexport_weasel

reexport_weasel(globals())
