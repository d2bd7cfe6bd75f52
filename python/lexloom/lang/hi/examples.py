"""Hindi example sentences, as spaCy's `spacy.lang.hi.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.hi.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "नई दिल्ली भारत की राजधानी है।",
    "भारत ने 2011 में क्रिकेट विश्व कप जीता था।",
    "प्रेमचंद का उपन्यास गोदान 1936 में छपा था।",
    "इस किताब की कीमत 250 रुपये है।",
    "मुंबई से पुणे कितनी दूर है?",
    "क्या कल सुबह बारिश होगी?",
]
