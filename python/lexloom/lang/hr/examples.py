"""Croatian example sentences, as spaCy's `spacy.lang.hr.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.hr.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Grad Split odobrio je 3 milijuna eura za obnovu rive.",
    "Nikola Tesla rođen je 1856. u Smiljanu.",
    "Plitvička jezera posjeti više od milijun ljudi godišnje.",
    "Knjižnica je zatvorena do ponedjeljka.",
    "Koliko košta karta za trajekt do Hvara?",
    "Tko je pobijedio na jučerašnjoj utakmici?",
]
