"""Tigrinya example sentences, as spaCy's `spacy.lang.ti.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.ti.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "ኣስመራ ርእሰ ከተማ ኤርትራ እያ።",
    "መቐለ ኣብ ትግራይ እትርከብ ከተማ እያ።",
    "ዋጋ እዚ መጽሓፍ 100 ናቕፋ እዩ።",
    "ጽባሕ ናብ ቤት ትምህርቲ ክኸይድ እየ።",
    "ቆልዑ ኣብ ጎልጎል ይጻወቱ ኣለዉ።",
    "ስምካ መን እዩ?",
    "ከመይ ኣለኻ?",
]
