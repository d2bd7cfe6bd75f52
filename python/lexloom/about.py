__title__ = "lexloom"
__version__ = "0.1.0"
# spaCy's about names, for code that reads them; lexloom itself never downloads from them
__download_url__ = "https://github.com/explosion/spacy-models/releases/download"
__compatibility__ = "https://raw.githubusercontent.com/explosion/spacy-models/master/compatibility.json"
