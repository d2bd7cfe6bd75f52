"""Portuguese example sentences, as spaCy's `spacy.lang.pt.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.pt.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "A Câmara Municipal do Porto aprovou 7 milhões de euros para novas ciclovias.",
    "José Saramago recebeu o Prémio Nobel da Literatura em 1998.",
    "O rio Amazonas atravessa o Peru, a Colômbia e o Brasil.",
    "A padaria da esquina abre às seis e meia da manhã.",
    "Quanto custa um bilhete de comboio de Lisboa para Coimbra?",
    "Quem ganhou o jogo de ontem em São Paulo?",
]
