"""Hungarian example sentences, as spaCy's `spacy.lang.hu.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.hu.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Budapest Magyarország fővárosa.",
    "Szeged városa 2 milliárd forintot költ új kerékpárutakra.",
    "Liszt Ferenc 1811-ben született Doborjánban.",
    "A könyvtár hétfőn zárva tart.",
    "Mennyibe kerül egy vonatjegy Debrecenbe?",
    "Ki nyerte a tegnapi mérkőzést?",
]
