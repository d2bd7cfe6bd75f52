"""Bengali example sentences, as spaCy's `spacy.lang.bn.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.bn.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "ঢাকা বাংলাদেশের রাজধানী।",
    "রবীন্দ্রনাথ ঠাকুর ১৯১৩ সালে নোবেল পুরস্কার পান।",
    "নতুন সেতুটি তৈরি করতে প্রায় ৫০০ কোটি টাকা খরচ হবে।",
    "আগামী সোমবার স্কুল বন্ধ থাকবে।",
    "কলকাতা থেকে দার্জিলিং কত দূরে?",
    "তুমি কি আজ বাজারে যাবে?",
]
