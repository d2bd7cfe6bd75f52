"""Tibetan example sentences, as spaCy's `spacy.lang.bo.examples`: short texts to try a pipeline on.

>>> from lexloom.lang.bo.examples import sentences
>>> docs = nlp.pipe(sentences)
"""

sentences = [
    "ལྷ་ས་ནི་བོད་ཀྱི་གྲོང་ཁྱེར་ཆེན་པོ་ཞིག་ཡིན།",
    "ཇོ་མོ་གླང་མ་ནི་འཛམ་གླིང་ནང་གི་རི་མཐོ་ཤོས་དེ་ཡིན།",
    "ང་ཚོ་སང་ཉིན་དགོན་པར་འགྲོ་གི་ཡིན།",
    "དཔེ་ཆ་འདིའི་རིན་གོང་སྒོར་མོ་ ༥༠ རེད།",
    "སློབ་གྲྭ་ཆུ་ཚོད་ ༨ ལ་འགོ་འཛུགས་ཀྱི་རེད།",
    "ཁྱེད་རང་གི་མིང་ལ་ག་རེ་ཟེར་གྱི་ཡོད།",
    "ཁྱེད་རང་ག་པར་ཕེབས་ཀྱི་ཡིན།",
]
