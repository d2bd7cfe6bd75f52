"""Telugu example sentences, as spaCy's `spacy.lang.te.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.te.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "హైదరాబాద్ తెలంగాణ రాజధాని.",
    "గురజాడ అప్పారావు రాసిన కన్యాశుల్కం నాటకం 1892లో మొదటిసారి ప్రదర్శించబడింది.",
    "ఈ పుస్తకం ధర 250 రూపాయలు.",
    "రేపు పాఠశాలకు సెలవు.",
    "విజయవాడకు ఎంత దూరం?",
    "మీ పేరు ఏమిటి?",
]
