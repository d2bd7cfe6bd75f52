"""Slovenian example sentences, as spaCy's `spacy.lang.sl.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.sl.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Ljubljana je glavno mesto Slovenije.",
    "France Prešeren se je rodil leta 1800 v Vrbi.",
    "Mestna občina Maribor je za nove kolesarske steze namenila 2 milijona evrov.",
    "Knjižnica je ob nedeljah zaprta.",
    "Koliko stane vozovnica za vlak do Kopra?",
    "Kdo je zmagal na včerajšnji tekmi?",
]
