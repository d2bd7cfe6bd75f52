"""Haitian Creole example sentences, as spaCy's `spacy.lang.ht.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.ht.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Pòtoprens se kapital Ayiti.",
    "Jean-Jacques Dessalines te deklare endepandans Ayiti nan lane 1804.",
    "Mache a ouvri chak maten a sizè.",
    "Jodi a nou pral manje diri ak pwa.",
    "Sa koute 500 goud.",
    "Konbyen yon tikè bis pou Okap koute?",
    "Ki kote lekòl la ye?",
]
