import random

import spacy
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

# A tiny NER training loop in the style of spaCy's training usage docs: blank pipeline, labels
# added, nlp.initialize, shuffled compounding minibatches, nlp.update, then predict / evaluate.
# Losses print to one decimal: float32 sums in another order differ in the 7th digit.
TRAIN_DATA = [
    ("Who is Shaka Khan?", {"entities": [(7, 17, "PERSON")]}),
    ("I like London and Berlin.", {"entities": [(7, 13, "LOC"), (18, 24, "LOC")]}),
    ("Angela Merkel visited Paris.", {"entities": [(0, 13, "PERSON"), (22, 27, "LOC")]}),
    ("Berlin is far from Madrid.", {"entities": [(0, 6, "LOC"), (19, 25, "LOC")]}),
    ("Shaka Khan lives in Rome.", {"entities": [(0, 10, "PERSON"), (20, 24, "LOC")]}),
    ("Is Tim Cook in London?", {"entities": [(3, 11, "PERSON"), (15, 21, "LOC")]}),
]

fix_random_seed(0)
nlp = spacy.blank("en")
ner = nlp.add_pipe("ner")
for _, annotations in TRAIN_DATA:
    for ent in annotations.get("entities"):
        ner.add_label(ent[2])
examples = [Example.from_dict(nlp.make_doc(text), annots) for text, annots in TRAIN_DATA]
print(examples[0].reference.ents, [t.ent_iob_ + "-" + t.ent_type_ for t in examples[0].reference])
print(sorted(ner.labels), ner.move_names[:6])
optimizer = nlp.initialize(lambda: examples)
print(type(optimizer).__name__, optimizer.learn_rate)
for itn in range(30):
    random.shuffle(examples)
    losses = {}
    batches = minibatch(examples, size=compounding(4.0, 32.0, 1.001))
    for batch in batches:
        nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
    if itn % 5 == 4:
        print(itn, {k: f"{v:.1f}" for k, v in losses.items()})

for text in ["Who is Shaka Khan?", "I like London and Berlin.", "Tim Cook visited Rome."]:
    doc = nlp(text)
    print(text, [(ent.text, ent.label_) for ent in doc.ents])

scores = nlp.evaluate([Example.from_dict(nlp.make_doc(t), a) for t, a in TRAIN_DATA])
print({k: round(v, 3) for k, v in scores.items() if k.startswith("ents_") and v is not None
       and not isinstance(v, dict)})
print(sorted(scores["ents_per_type"]))
