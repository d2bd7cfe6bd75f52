"""Amharic example sentences, as spaCy's `spacy.lang.am.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.am.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "አዲስ አበባ የኢትዮጵያ ዋና ከተማ ናት።",
    "አበበ ቢቂላ በ1960 በሮም ማራቶን በባዶ እግሩ ሮጦ አሸነፈ።",
    "ይህ መጽሐፍ 250 ብር ያወጣል።",
    "የአባይ ወንዝ ከጣና ሐይቅ ይነሳል።",
    "ልጆቹ ቅዳሜ ወደ ገበያ ሄዱ።",
    "ነገ ጠዋት ዝናብ ይዘንባል?",
    "ስምህ ማን ነው?",
]
