"""English example sentences, as spaCy's `spacy.lang.en.examples`: a few short texts with
names, numbers, money and questions, to try a pipeline on.

>>> from lexloom.lang.en.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "The city council of Leeds approved a £4.5 million budget for new cycle lanes.",
    "Marie Curie won the Nobel Prize in Physics in 1903 and in Chemistry in 1911.",
    "A small bakery in Lisbon sells about 300 custard tarts before noon.",
    "Self-driving trucks are being tested on highways between Texas and Arizona.",
    "How far is the Moon from the Earth?",
    "Who wrote the novel that the film was based on?",
    "Our flight to Nairobi leaves at 7:45 on Tuesday morning.",
    "The museum will stay closed until the roof has been repaired.",
]
