"""Tatar example sentences, as spaCy's `spacy.lang.tt.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.tt.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Казан Татарстанның башкаласы.",
    "Габдулла Тукай 1886 елда туган.",
    "Идел — Европаның иң озын елгасы.",
    "Бу китап 500 сум тора.",
    "Иртәгә яңгыр яуачак.",
    "Син кайда яшисең?",
    "Исемең ничек?",
]
