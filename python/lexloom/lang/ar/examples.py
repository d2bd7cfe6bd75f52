"""Arabic example sentences, as spaCy's `spacy.lang.ar.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.ar.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "افتتحت أمانة عمّان حديقة عامة جديدة في شهر أيار الماضي.",
    "وُلد نجيب محفوظ في القاهرة عام 1911.",
    "بلغت تكلفة المشروع نحو 40 مليون درهم.",
    "يغادر القطار محطة الدار البيضاء في الساعة الثامنة صباحًا.",
    "تعمل الجامعة على إطلاق برنامج جديد لتعليم البرمجة.",
    "كم تبعد مدينة الرياض عن جدة؟",
    "هل قرأت الرواية التي فازت بالجائزة هذا العام؟",
]
