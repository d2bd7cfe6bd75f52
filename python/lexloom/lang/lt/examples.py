"""Lithuanian example sentences, as spaCy's `spacy.lang.lt.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.lt.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Vilnius yra Lietuvos sostinė.",
    "Kauno savivaldybė skyrė 5 milijonus eurų naujiems dviračių takams.",
    "Mikalojus Konstantinas Čiurlionis gimė 1875 metais Varėnoje.",
    "Biblioteka sekmadieniais nedirba.",
    "Kiek kainuoja traukinio bilietas į Klaipėdą?",
    "Kas laimėjo vakarykštes rungtynes?",
]
