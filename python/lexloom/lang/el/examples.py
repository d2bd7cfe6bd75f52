"""Greek example sentences, as spaCy's `spacy.lang.el.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.el.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    "Ο δήμος Θεσσαλονίκης ενέκρινε 5 εκατομμύρια ευρώ για νέα πάρκα.",
    "Ο Νίκος Καζαντζάκης γεννήθηκε στο Ηράκλειο το 1883.",
    "Το πλοίο για την Κρήτη αναχωρεί στις 9 το βράδυ.",
    "Πόσο κοστίζει το εισιτήριο για τη Σαντορίνη;",
    "Ποιος έγραψε αυτό το τραγούδι;",
]
