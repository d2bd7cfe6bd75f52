"""Yoruba example sentences, as spaCy's `spacy.lang.yo.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.yo.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Èkó ni ìlú tó tóbi jù lọ ní Nàìjíríà.",
    "Wọlé Ṣóyínká gba Ẹ̀bùn Nobel ní ọdún 1986.",
    "Owó ìwé yìí jẹ́ náírà 2000.",
    "Mo máa lọ sí Ìbàdàn ní ọ̀la.",
    "Àwọn ọmọdé ń ṣeré ní ọgbà.",
    "Báwo ni o ṣe wà?",
    "Kí ni orúkọ rẹ?",
]
