"""Persian example sentences, as spaCy's `spacy.lang.fa.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.fa.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "تهران پایتخت ایران است.",
    "حافظ شاعر بزرگ شیراز بود.",
    "دانشگاه تهران در سال ۱۳۱۳ تأسیس شد.",
    "قیمت این کتاب ۲۰۰ هزار تومان است.",
    "قطار مشهد ساعت ۸ صبح حرکت کرد.",
    "فاصله اصفهان تا یزد چقدر است؟",
    "آیا فردا باران خواهد بارید؟",
]
