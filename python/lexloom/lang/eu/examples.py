"""Basque example sentences, as spaCy's `spacy.lang.eu.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.eu.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Bilbo Bizkaiko hiririk handiena da.",
    "Bernardo Atxagak Obabakoak idatzi zuen 1988an.",
    "Euskal Herriko Unibertsitateak ikasle berriak hartu ditu.",
    "Liburu honek 20 euro balio du.",
    "Gaur arratsaldean euria egingo du.",
    "Zer ordutan ateratzen da trena Donostiara?",
    "Nor da zure irakaslea?",
]
