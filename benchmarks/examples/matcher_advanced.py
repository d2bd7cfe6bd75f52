import spacy
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Span, Token

# Less common Matcher features: FUZZY comparisons, set predicates on MORPH, exact and open
# quantifier ranges, custom-attribute REGEX, matching inside a Span, pattern validation,
# and the rest of DependencyMatcher's REL_OP operators.
nlp = spacy.blank("en")
matcher = Matcher(nlp.vocab)
matcher.add("FUZZY", [[{"LOWER": {"FUZZY": "definitely"}}]])
matcher.add("FUZZY1", [[{"TEXT": {"FUZZY1": "Smith"}}]])
matcher.add("FUZZY_IN", [[{"LOWER": {"FUZZY": {"IN": ["color", "theatre"]}}}]])
doc = nlp("I definately like the colour of the theater, said Smyth and Smiths and Smithe.")
for match_id, start, end in matcher(doc):
    print(nlp.vocab.strings[match_id], start, end, doc[start:end].text)

matcher = Matcher(nlp.vocab)
matcher.add("EXACT2", [[{"ORTH": "x", "OP": "{2}"}]])
matcher.add("ATLEAST2", [[{"ORTH": "y", "OP": "{2,}"}]])
matcher.add("ATMOST2", [[{"ORTH": "z", "OP": "{,2}"}, {"ORTH": "end"}]])
doc = nlp("x x x y y y z z z end")
for match_id, start, end in matcher(doc):
    print(nlp.vocab.strings[match_id], start, end)

Token.set_extension("country", default="")
doc = nlp("Paris Berlin Rome Lyon")
for token, country in zip(doc, ["France", "Germany", "Italy", "France"], strict=True):
    token._.country = country
matcher = Matcher(nlp.vocab)
matcher.add("FR", [[{"_": {"country": {"REGEX": "^Fr"}}, "OP": "+"}]], greedy="LONGEST")
matcher.add("NOT_FR", [[{"_": {"country": {"NOT_IN": ["France"]}}}]])
print([(nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc)])

# MORPH predicates and the sets they test.
words = ["She", "sees", "the", "cats"]
doc = spacy.tokens.Doc(nlp.vocab, words=words,
                       morphs=["Case=Nom|Number=Sing|Person=3", "Number=Sing|Person=3|Tense=Pres",
                               "Definite=Def", "Number=Plur"])
matcher = Matcher(nlp.vocab)
matcher.add("SUPERSET", [[{"MORPH": {"IS_SUPERSET": ["Number=Sing", "Person=3"]}}]])
matcher.add("SUBSET", [[{"MORPH": {"IS_SUBSET": ["Number=Plur", "Gender=Fem"]}}]])
matcher.add("INTERSECTS", [[{"MORPH": {"INTERSECTS": ["Tense=Pres", "Definite=Def"]}}]])
matcher.add("MORPH_EQ", [[{"MORPH": "Number=Plur"}]])
for match_id, start, end in matcher(doc):
    print(nlp.vocab.strings[match_id], doc[start:end].text)

# Matching on a Span, and as_spans with a Span input.
doc = nlp("hello world and hello there world")
matcher = Matcher(nlp.vocab)
matcher.add("HW", [[{"LOWER": "hello"}, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": "world"}]])
span = doc[3:]
print(matcher(span), [s.text for s in matcher(span, as_spans=True)])
pm = PhraseMatcher(nlp.vocab)
pm.add("W", [nlp.make_doc("world")])
print(pm(doc[2:]), [(s.start, s.end, s.label_) for s in pm(doc[2:], as_spans=True)])

# Validation of patterns.
for bad in ([{"TEXT": {"REGX": "x"}}], [{"OP": "&"}], [{"LENGTH": "long"}]):
    try:
        Matcher(nlp.vocab, validate=True).add("BAD", [bad])
        print("accepted", bad)
    except ValueError as err:
        print("ValueError", bool(str(err)))
try:
    Matcher(nlp.vocab).add("BAD", [{"ORTH": "x"}])
except ValueError:
    print("ValueError for a pattern that is not a list of lists")

# DependencyMatcher operators on a hand-built tree.
words = ["The", "big", "dog", "chased", "the", "small", "cat", "quickly", "."]
heads = [2, 2, 3, 3, 6, 6, 3, 3, 3]
deps = ["det", "amod", "nsubj", "ROOT", "det", "amod", "dobj", "advmod", "punct"]
doc = spacy.tokens.Doc(nlp.vocab, words=words, heads=heads, deps=deps)
for op in (">", "<", ">>", "<<", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--", ">+", ">-",
           ">++", ">--", "<+", "<-", "<++", "<--"):
    dm = DependencyMatcher(nlp.vocab)
    dm.add("OP", [[{"RIGHT_ID": "a", "RIGHT_ATTRS": {"ORTH": {"IN": ["dog", "chased", "cat"]}}},
                   {"LEFT_ID": "a", "REL_OP": op, "RIGHT_ID": "b", "RIGHT_ATTRS": {}}]])
    found = sorted((doc[i].text, doc[j].text) for _, (i, j) in dm(doc))
    print(op, found)

# Span-level labels set from matches, ent_id on Spans.
doc = nlp("Apple and Google and Apple")
matcher = Matcher(nlp.vocab)
matcher.add("ORG", [[{"ORTH": {"IN": ["Apple", "Google"]}}]])
doc.ents = [Span(doc, s, e, label=m, span_id="company") for m, s, e in matcher(doc)]
print([(e.text, e.label_, e.id_, e.ent_id_) for e in doc.ents])
