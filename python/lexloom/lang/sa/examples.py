"""Sanskrit example sentences, as spaCy's `spacy.lang.sa.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.sa.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "रामः वनं गच्छति।",
    "गङ्गा हिमालयात् प्रवहति।",
    "कालिदासः अभिज्ञानशाकुन्तलं नाम नाटकम् अरचयत्।",
    "बालकाः विद्यालये पठन्ति।",
    "मम गृहे पञ्च जनाः वसन्ति।",
    "त्वं कुत्र गच्छसि?",
    "तव नाम किम्?",
]
