"""Malay example sentences, as spaCy's `spacy.lang.ms.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ms.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Kuala Lumpur ialah ibu negara Malaysia.",
    "Majlis Bandaraya Johor Bahru memperuntukkan RM10 juta untuk taman baharu.",
    "Tunku Abdul Rahman mengisytiharkan kemerdekaan pada 31 Ogos 1957.",
    "Kedai runcit itu dibuka setiap hari dari pukul tujuh pagi.",
    "Berapakah harga tiket bas ke Melaka?",
    "Siapakah yang menulis novel ini?",
]
