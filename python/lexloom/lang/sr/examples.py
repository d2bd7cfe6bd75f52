"""Serbian example sentences, as spaCy's `spacy.lang.sr.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.sr.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Београд је главни град Србије.",
    "Иво Андрић је добио Нобелову награду за књижевност 1961. године.",
    "Град Нови Сад је издвојио 200 милиона динара за нове бициклистичке стазе.",
    "Библиотека не ради недељом.",
    "Колико кошта карта за воз до Ниша?",
    "Ко је победио на јучерашњој утакмици?",
    "Dunav protiče kroz Novi Sad i Beograd.",
]
