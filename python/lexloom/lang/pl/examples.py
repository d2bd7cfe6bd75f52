"""Polish example sentences, as spaCy's `spacy.lang.pl.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.pl.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Rada Miasta Krakowa przeznaczyła 20 milionów złotych na nowe ścieżki rowerowe.",
    "Fryderyk Chopin urodził się w Żelazowej Woli w 1810 roku.",
    "Wisła jest najdłuższą rzeką w Polsce.",
    "Piekarnia na rogu jest otwarta od szóstej rano.",
    "Ile kosztuje bilet na pociąg z Gdańska do Poznania?",
    "Kto wygrał wczorajszy mecz?",
]
