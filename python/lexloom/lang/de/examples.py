"""German example sentences, as spaCy's `spacy.lang.de.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.de.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Die Stadt Freiburg investiert 12 Millionen Euro in neue Radwege.",
    "Johann Sebastian Bach wurde 1685 in Eisenach geboren.",
    "Die Bäckerei am Marktplatz öffnet jeden Morgen um halb sechs.",
    "Der Bundestag stimmt am Donnerstag über das neue Gesetz ab.",
    "Wie lange dauert die Zugfahrt von Hamburg nach München?",
    "Wer hat das Tor in der letzten Minute geschossen?",
]
