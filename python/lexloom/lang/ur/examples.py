"""Urdu example sentences, as spaCy's `spacy.lang.ur.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ur.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "اسلام آباد پاکستان کا دارالحکومت ہے۔",
    "علامہ اقبال 1877 میں سیالکوٹ میں پیدا ہوئے۔",
    "اس کتاب کی قیمت 500 روپے ہے۔",
    "کل اسکول بند رہے گا۔",
    "لاہور سے کراچی کتنی دور ہے؟",
    "آپ کا نام کیا ہے؟",
]
