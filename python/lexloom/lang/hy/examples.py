"""Armenian example sentences, as spaCy's `spacy.lang.hy.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.hy.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Երևանը Հայաստանի մայրաքաղաքն է։",
    "Արամ Խաչատրյանը ծնվել է 1903 թվականին Թբիլիսիում։",
    "Արարատ լեռը երևում է Երևանից։",
    "Այս գիրքն արժե 5000 դրամ։",
    "Վաղը անձրև կլինի։",
    "Որտե՞ղ է կայարանը։",
    "Ինչքա՞ն արժե տոմսը։",
]
