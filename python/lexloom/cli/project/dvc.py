"""weasel's `weasel.cli.dvc`, at spaCy's module path (`spacy.cli.project.dvc`)."""
from . import reexport_weasel

reexport_weasel(globals())
