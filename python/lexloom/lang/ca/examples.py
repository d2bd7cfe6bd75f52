"""Catalan example sentences, as spaCy's `spacy.lang.ca.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ca.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "L'Ajuntament de Girona ha aprovat 2 milions d'euros per a nous carrils bici.",
    "Mercè Rodoreda va publicar La plaça del Diamant el 1962.",
    "El mercat de la Boqueria obre a les vuit del matí.",
    "La biblioteca estarà tancada fins al 3 d'octubre.",
    "Quant costa un bitllet de tren de Barcelona a Tarragona?",
    "Qui guanyarà la lliga aquest any?",
]
