import random

import spacy
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

# A tiny text classifier trained the same way, exclusive classes (textcat) and multilabel
# (textcat_multilabel), then predicted scores and nlp.evaluate.
TRAIN = [
    ("This movie was great and I loved it", {"POSITIVE": 1.0, "NEGATIVE": 0.0}),
    ("What a wonderful, lovely film", {"POSITIVE": 1.0, "NEGATIVE": 0.0}),
    ("Great acting, great story", {"POSITIVE": 1.0, "NEGATIVE": 0.0}),
    ("Terrible movie, I hated it", {"POSITIVE": 0.0, "NEGATIVE": 1.0}),
    ("An awful, boring waste of time", {"POSITIVE": 0.0, "NEGATIVE": 1.0}),
    ("Bad acting and a bad story", {"POSITIVE": 0.0, "NEGATIVE": 1.0}),
]

fix_random_seed(0)
nlp = spacy.blank("en")
textcat = nlp.add_pipe("textcat")
textcat.add_label("POSITIVE")
textcat.add_label("NEGATIVE")
examples = [Example.from_dict(nlp.make_doc(t), {"cats": cats}) for t, cats in TRAIN]
optimizer = nlp.initialize(lambda: examples)
print(textcat.labels, nlp.pipe_names)
for itn in range(20):
    random.shuffle(examples)
    losses = {}
    for batch in minibatch(examples, size=compounding(2.0, 8.0, 1.5)):
        nlp.update(batch, sgd=optimizer, losses=losses)
    if itn % 5 == 4:
        print(itn, {k: f"{v:.3f}" for k, v in losses.items()})

for text in ["I loved this great film", "A boring, awful movie"]:
    cats = nlp(text).cats
    print(text, max(cats, key=cats.get), {k: f"{v:.3f}" for k, v in cats.items()})
scores = nlp.evaluate([Example.from_dict(nlp.make_doc(t), {"cats": c}) for t, c in TRAIN])
print({k: f"{v:.3f}" for k, v in scores.items() if k in ("cats_score", "cats_macro_auc",
                                                         "cats_macro_f")})

fix_random_seed(0)
nlp = spacy.blank("en")
textcat = nlp.add_pipe("textcat_multilabel")
MULTI = [
    ("The food was great but the service was slow", {"FOOD": 1.0, "SERVICE": 1.0}),
    ("Delicious food", {"FOOD": 1.0, "SERVICE": 0.0}),
    ("The waiter was rude", {"FOOD": 0.0, "SERVICE": 1.0}),
    ("Nice weather today", {"FOOD": 0.0, "SERVICE": 0.0}),
]
examples = [Example.from_dict(nlp.make_doc(t), {"cats": c}) for t, c in MULTI]
optimizer = nlp.initialize(lambda: examples)
print(textcat.labels)
for itn in range(20):
    losses = {}
    nlp.update(examples, sgd=optimizer, losses=losses)
print({k: f"{v:.3f}" for k, v in losses.items()})
doc = nlp("The food was delicious and the waiter was nice")
print({k: f"{v:.3f}" for k, v in doc.cats.items()})
