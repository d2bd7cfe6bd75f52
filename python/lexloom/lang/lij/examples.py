"""Ligurian example sentences, as spaCy's `spacy.lang.lij.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.lij.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Zena a l'é a ciù grande çittæ da Liguria.",
    "Cristoffa Colombo o l'é nasciuo a Zena into 1451.",
    "O treno pe Sann-a o parte a-e nêuve.",
    "A fugassa a costa 2 euro.",
    "Quanto o costa sto libbro?",
    "Comme ti te ciammi?",
]
