"""weasel's `weasel.cli.clone`, at spaCy's module path (`spacy.cli.project.clone`)."""
from . import reexport_weasel

reexport_weasel(globals())
