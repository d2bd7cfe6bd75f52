"""Latin example sentences, as spaCy's `spacy.lang.la.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.la.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Roma in septem collibus aedificata est.",
    "Gaius Iulius Caesar Idibus Martiis occisus est.",
    "Cicero multas orationes in senatu habuit.",
    "Marcus in foro librum novum decem denariis emit.",
    "Puellae in horto cum canibus ludunt.",
    "Ubi est via quae ad portum ducit?",
    "Quod est nomen tuum?",
]
