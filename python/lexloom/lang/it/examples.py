"""Italian example sentences, as spaCy's `spacy.lang.it.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.it.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Il Comune di Bologna ha stanziato 5 milioni di euro per nuove piste ciclabili.",
    "Galileo Galilei nacque a Pisa nel 1564.",
    "Il ponte di Rialto attraversa il Canal Grande a Venezia.",
    "La farmacia in piazza apre alle otto e mezza.",
    "Quanto costa un biglietto del treno da Roma a Napoli?",
    "Chi ha vinto il Giro d'Italia quest'anno?",
]
