"""Luganda example sentences, as spaCy's `spacy.lang.lg.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.lg.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Kampala kye kibuga ekikulu ekya Uganda.",
    "Omugga Kiyira gusibuka mu Nnyanja Nnalubaale.",
    "Omwana agenda ku ssomero buli lunaku.",
    "Ekitabo kino kigula silingi 20,000.",
    "Enkya tujja kugenda e Jinja.",
    "Erinnya lyo ggwe ani?",
    "Oli otya leero?",
]
