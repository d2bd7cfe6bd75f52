"""Bulgarian example sentences, as spaCy's `spacy.lang.bg.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.bg.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "София е столицата на България.",
    "Общинският съвет на Пловдив одобри 3 милиона лева за нови детски площадки.",
    "Романът „Под игото“ е написан от Иван Вазов.",
    "Малка пекарна в Русе продава около 200 баници всяка сутрин.",
    "Музеят ще бъде затворен до 15 март.",
    "Колко струва билетът за влака до Варна?",
    "Кой ще спечели изборите?",
]
