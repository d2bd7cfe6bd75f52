"""Sinhala example sentences, as spaCy's `spacy.lang.si.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.si.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "කොළඹ ලංකාවේ විශාලතම නගරයයි.",
    "දළදා මාළිගාව මහනුවර පිහිටා ඇත.",
    "මෙම පොතේ මිල රුපියල් 500 යි.",
    "මම හෙට ගාල්ලට යනවා.",
    "ළමයි පාසලට ගියා.",
    "ඔබේ නම කුමක්ද?",
    "හෙට වැසි ඇති වේද?",
]
