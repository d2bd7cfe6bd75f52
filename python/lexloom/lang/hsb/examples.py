"""Upper Sorbian example sentences, as spaCy's `spacy.lang.hsb.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.hsb.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Budyšin je stare město na Sprjewi.",
    "Handrij Zejler je so w lěće 1804 narodźił.",
    "Domowina je zwjazk Łužiskich Serbow.",
    "Bilet płaći 4 eura.",
    "Dobre ranje, kak so maš?",
    "Hdźe je dwórnišćo?",
]
