"""Malayalam example sentences, as spaCy's `spacy.lang.ml.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.ml.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "തിരുവനന്തപുരം കേരളത്തിന്റെ തലസ്ഥാനമാണ്.",
    "എം. ടി. വാസുദേവൻ നായർക്ക് 1995ൽ ജ്ഞാനപീഠം ലഭിച്ചു.",
    "ഈ പുസ്തകത്തിന്റെ വില 200 രൂപയാണ്.",
    "നാളെ സ്കൂൾ അവധിയാണ്.",
    "കൊച്ചിയിലേക്ക് എത്ര ദൂരമുണ്ട്?",
    "നിങ്ങളുടെ പേര് എന്താണ്?",
]
