"""Kannada example sentences, as spaCy's `spacy.lang.kn.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.kn.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "ಬೆಂಗಳೂರು ಕರ್ನಾಟಕದ ರಾಜಧಾನಿ.",
    "ಕುವೆಂಪು ಅವರಿಗೆ 1967ರಲ್ಲಿ ಜ್ಞಾನಪೀಠ ಪ್ರಶಸ್ತಿ ದೊರೆಯಿತು.",
    "ಈ ಪುಸ್ತಕದ ಬೆಲೆ 150 ರೂಪಾಯಿ.",
    "ನಾಳೆ ಶಾಲೆಗೆ ರಜೆ ಇದೆ.",
    "ಇಲ್ಲಿಂದ ಮೈಸೂರು ಎಷ್ಟು ದೂರ?",
    "ನಿಮ್ಮ ಹೆಸರು ಏನು?",
]
