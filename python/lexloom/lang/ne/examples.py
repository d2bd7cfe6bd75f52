"""Nepali example sentences, as spaCy's `spacy.lang.ne.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ne.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "काठमाडौं नेपालको राजधानी हो।",
    "सगरमाथा संसारको सबैभन्दा अग्लो हिमाल हो।",
    "लक्ष्मीप्रसाद देवकोटाको जन्म वि.सं. १९६६ मा भएको थियो।",
    "यो किताबको मूल्य ५०० रुपैयाँ हो।",
    "पोखरा यहाँबाट कति टाढा छ?",
    "के भोलि पानी पर्छ?",
]
