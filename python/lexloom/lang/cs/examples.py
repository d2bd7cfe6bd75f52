"""Czech example sentences, as spaCy's `spacy.lang.cs.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.cs.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Praha je hlavní město České republiky.",
    "Rada města Brna schválila 80 milionů korun na opravu tramvajových tratí.",
    "Antonín Dvořák složil symfonii Z Nového světa v roce 1893.",
    "Malá pekárna v Plzni prodá každé ráno asi 400 rohlíků.",
    "Kolik stojí jízdenka do Olomouce?",
    "Kdy otevírá knihovna?",
]
