"""Danish example sentences, as spaCy's `spacy.lang.da.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.da.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Københavns Kommune har afsat 50 millioner kroner til nye cykelstier.",
    "H.C. Andersen blev født i Odense i 1805.",
    "Biblioteket i Roskilde har åbent til klokken 20 om torsdagen.",
    "Mange danskere cykler på arbejde, selv når det regner.",
    "Hvor lang tid tager toget fra Aarhus til Aalborg?",
    "Hvem vandt fodboldkampen i går?",
]
