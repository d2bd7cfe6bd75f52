"""Ancient Greek example sentences, as spaCy's `spacy.lang.grc.examples`: short texts to
try a pipeline on.

>>> from lexloom.lang.grc.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Σωκράτης ἦν φιλόσοφος Ἀθηναῖος.",
    "οἱ Ἀθηναῖοι ἐνίκησαν τοὺς Πέρσας ἐν Μαραθῶνι.",
    "Ὅμηρος ἐποίησε τὴν Ἰλιάδα καὶ τὴν Ὀδύσσειαν.",
    "ὁ διδάσκαλος τοῖς παισὶ βιβλίον δίδωσιν.",
    "ἡ πόλις ἔχει τρεῖς λιμένας.",
    "τίς ἐστιν ὁ ἀνὴρ οὗτος;",
    "ποῦ ἐστιν ἡ ἀγορά;",
]
