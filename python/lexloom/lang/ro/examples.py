"""Romanian example sentences, as spaCy's `spacy.lang.ro.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.ro.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Primăria Clujului a alocat 10 milioane de lei pentru piste de biciclete.",
    "Mihai Eminescu s-a născut în 1850 la Botoșani.",
    "Delta Dunării este una dintre cele mai mari zone umede din Europa.",
    "Brutăria din colț se deschide la ora șase.",
    "Cât costă un bilet de tren de la București la Brașov?",
    "Cine a câștigat meciul de aseară?",
]
