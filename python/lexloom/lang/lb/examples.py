"""Luxembourgish example sentences, as spaCy's `spacy.lang.lb.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.lb.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Lëtzebuerg ass e klengt Land an der Mëtt vun Europa.",
    "De Schrëftsteller Michel Rodange gouf 1827 zu Waldbëlleg gebuer.",
    "D'Gemeng Esch investéiert 4 Milliounen Euro an nei Vëlosweeër.",
    "D'Bäckerei mécht all Moien um sechs Auer op.",
    "Wéi laang dauert de Wee vu Lëtzebuerg op Diekrech?",
    "Wien huet de Match gewonnen?",
]
