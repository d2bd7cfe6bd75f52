"""Setswana example sentences, as spaCy's `spacy.lang.tn.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.tn.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Gaborone ke motsemogolo wa Botswana.",
    "Sir Seretse Khama e ne e le moporesidente wa ntlha wa Botswana.",
    "Tlhwatlhwa ya buka e ke dipula di le 150.",
    "Ka moso re tla ya kwa Francistown.",
    "Bana ba tshameka kwa ntle.",
    "O tswa kae?",
]
