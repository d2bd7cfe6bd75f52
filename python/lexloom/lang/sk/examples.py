"""Slovak example sentences, as spaCy's `spacy.lang.sk.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.sk.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Bratislava je hlavné mesto Slovenska.",
    "Mesto Košice vyčlenilo 4 milióny eur na nové cyklotrasy.",
    "Milan Rastislav Štefánik sa narodil v roku 1880 v Košariskách.",
    "Knižnica je v nedeľu zatvorená.",
    "Koľko stojí lístok na vlak do Žiliny?",
    "Kto vyhral včerajší zápas?",
]
