"""Dutch example sentences, as spaCy's `spacy.lang.nl.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.nl.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "De gemeente Utrecht trekt 15 miljoen euro uit voor nieuwe fietspaden.",
    "Vincent van Gogh werd in 1853 geboren in Zundert.",
    "De Afsluitdijk werd in 1932 gesloten.",
    "De kaasmarkt in Gouda begint elke donderdag om tien uur.",
    "Hoe lang duurt de treinreis van Amsterdam naar Groningen?",
    "Wie heeft dit schilderij gemaakt?",
]
