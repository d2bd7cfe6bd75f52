"""weasel's `weasel.cli.run`, at spaCy's module path (`spacy.cli.project.run`)."""
from . import reexport_weasel

reexport_weasel(globals())
