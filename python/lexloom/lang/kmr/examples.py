"""Kurmanji Kurdish example sentences, as spaCy's `spacy.lang.kmr.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.kmr.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Amed bajarekî mezin û kevnar e.",
    "Ehmedê Xanî di sala 1692an de Mem û Zîn nivîsand.",
    "Bihayê vê pirtûkê 50 lîre ye.",
    "Sibê em ê herin Hewlêrê.",
    "Zarok li baxçe dilîzin.",
    "Tu ji ku derê yî?",
    "Navê te çi ye?",
]
