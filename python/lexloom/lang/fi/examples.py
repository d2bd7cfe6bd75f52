"""Finnish example sentences, as spaCy's `spacy.lang.fi.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.fi.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Helsingin kaupunki käyttää 20 miljoonaa euroa uusiin pyöräteihin.",
    "Jean Sibelius syntyi Hämeenlinnassa vuonna 1865.",
    "Nokia perustettiin vuonna 1865.",
    "Kirjasto on suljettuna juhannuksena.",
    "Kuinka kauan junamatka Tampereelta Ouluun kestää?",
    "Kuka voitti eilisen ottelun?",
]
