"""Lower Sorbian example sentences, as spaCy's `spacy.lang.dsb.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.dsb.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Chóśebuz jo nejwětše město w Dolnej Łužycy.",
    "Mina Witkojc jo se w lěśe 1893 naroźiła.",
    "Mój nan źěła w Chóśebuzu.",
    "Mój syn ma 7 lět.",
    "Dobre zajtšo, kak se maš?",
    "Źo jo dwórnišćo?",
]
