"""Multi-language example sentences, as spaCy's `spacy.lang.xx.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.xx.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Das Wetter in Berlin ist heute sonnig.",
    "Le train pour Genève part à 10 heures.",
    "Amsterdam heeft meer fietsen dan inwoners.",
    "Warszawa leży nad Wisłą.",
    "Il museo apre alle nove del mattino.",
    "A concert ticket in Dublin costs €35.",
    "¿Dónde está la estación de autobuses?",
    "Сколько стоит билет до Москвы?",
]
