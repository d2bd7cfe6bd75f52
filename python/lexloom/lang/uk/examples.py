"""Ukrainian example sentences, as spaCy's `spacy.lang.uk.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.uk.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Київ — столиця України.",
    "Тарас Шевченко народився 1814 року в селі Моринці.",
    "Львівська міська рада виділила 50 мільйонів гривень на нові велодоріжки.",
    "Бібліотека не працює в неділю.",
    "Скільки коштує квиток на потяг до Одеси?",
    "Хто переміг у вчорашньому матчі?",
]
