"""Kyrgyz example sentences, as spaCy's `spacy.lang.ky.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ky.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Бишкек Кыргызстандын борбору.",
    "Чыңгыз Айтматов 1928-жылы Шекер айылында туулган.",
    "Ысык-Көл тоолордун арасында жайгашкан чоң көл.",
    "Бул китеп 300 сом турат.",
    "Эртең жамгыр жаайт.",
    "Ошко кантип барсам болот?",
    "Сенин атың ким?",
]
