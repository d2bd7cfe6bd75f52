"""Albanian example sentences, as spaCy's `spacy.lang.sq.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.sq.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Tirana është kryeqyteti i Shqipërisë.",
    "Nënë Tereza lindi në Shkup në vitin 1910.",
    "Bashkia e Durrësit ndau 50 milionë lekë për parqe të reja.",
    "Dyqani hapet çdo mëngjes në orën shtatë.",
    "Sa kushton bileta e autobusit për në Vlorë?",
    "Kush e fitoi ndeshjen e djeshme?",
]
