"""Tamil example sentences, as spaCy's `spacy.lang.ta.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ta.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "சென்னை தமிழ்நாட்டின் தலைநகரம்.",
    "சுப்பிரமணிய பாரதி 1882 ஆம் ஆண்டு எட்டயபுரத்தில் பிறந்தார்.",
    "இந்த புத்தகத்தின் விலை 300 ரூபாய்.",
    "நாளை பள்ளி விடுமுறை.",
    "மதுரைக்கு எவ்வளவு தூரம்?",
    "உங்கள் பெயர் என்ன?",
]
