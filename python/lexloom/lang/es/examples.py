"""Spanish example sentences, as spaCy's `spacy.lang.es.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.es.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "El Ayuntamiento de Valencia destinará 6 millones de euros a nuevos carriles bici.",
    "Gabriel García Márquez recibió el Premio Nobel de Literatura en 1982.",
    "La panadería de la esquina abre a las siete de la mañana.",
    "El volcán de La Palma entró en erupción en septiembre de 2021.",
    "¿Cuánto cuesta un billete de autobús de Madrid a Toledo?",
    "¿Quién pintó el cuadro que está en la entrada?",
]
