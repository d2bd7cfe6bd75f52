"""Norwegian Bokmål example sentences, as spaCy's `spacy.lang.nb.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.nb.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Oslo kommune bruker 200 millioner kroner på nye sykkelveier.",
    "Henrik Ibsen ble født i Skien i 1828.",
    "Butikken på hjørnet åpner klokka åtte.",
    "Nordlyset kan ses fra Tromsø om vinteren.",
    "Hvor lang tid tar toget fra Oslo til Bergen?",
    "Hvem vant skirennet i helgen?",
]
