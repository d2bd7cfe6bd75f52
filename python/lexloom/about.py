__title__ = "lexloom"
# The spaCy release whose API lexloom implements. Code written for spaCy reads it as
# spacy.__version__ / spacy.about.__version__ (version checks, pipeline meta ranges), so under
# `import lexloom as spacy` it must be a spaCy version.
__version__ = "3.8.18"
# lexloom's own release (the package's version, as pip shows it).
__lexloom_version__ = "0.1.0"
# spaCy's about names, for code that reads them; lexloom itself never downloads from them
__download_url__ = "https://github.com/explosion/spacy-models/releases/download"
__compatibility__ = "https://raw.githubusercontent.com/explosion/spacy-models/master/compatibility.json"
