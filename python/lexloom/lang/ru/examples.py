"""Russian example sentences, as spaCy's `spacy.lang.ru.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ru.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Москва — столица России.",
    "Лев Толстой родился в Ясной Поляне в 1828 году.",
    "Мэрия Казани выделила 300 миллионов рублей на ремонт дорог.",
    "Байкал — самое глубокое озеро в мире.",
    "Сколько стоит билет на поезд до Санкт-Петербурга?",
    "Кто написал эту песню?",
]
