"""Gujarati example sentences, as spaCy's `spacy.lang.gu.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.gu.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "અમદાવાદ ગુજરાતનું સૌથી મોટું શહેર છે.",
    "મહાત્મા ગાંધીનો જન્મ ૧૮૬૯માં પોરબંદરમાં થયો હતો.",
    "આ પુસ્તકની કિંમત ૩૦૦ રૂપિયા છે.",
    "કાલે શાળા બંધ રહેશે.",
    "સુરતથી વડોદરા કેટલું દૂર છે?",
    "તમારું નામ શું છે?",
]
