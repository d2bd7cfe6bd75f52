"""Norwegian Nynorsk example sentences, as spaCy's `spacy.lang.nn.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.nn.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Bergen er den nest største byen i Noreg.",
    "Ivar Aasen vart fødd i Ørsta i 1813.",
    "Kommunen har sett av 30 millionar kroner til ein ny skule.",
    "Butikken opnar klokka ni om morgonen.",
    "Kor mykje kostar billetten til Stavanger?",
    "Kven vann fotballkampen i går?",
]
