"""Swedish example sentences, as spaCy's `spacy.lang.sv.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.sv.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Göteborgs stad satsar 40 miljoner kronor på nya cykelbanor.",
    "Astrid Lindgren föddes i Vimmerby 1907.",
    "Vättern är Sveriges näst största sjö.",
    "Bageriet på hörnet öppnar klockan sju.",
    "Hur lång tid tar tåget från Stockholm till Malmö?",
    "Vem vann matchen i går?",
]
