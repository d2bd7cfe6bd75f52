import spacy
from spacy.matcher import Matcher

# Token patterns with attributes, sets, regexes, lengths and the quantifier operators, as in
# spaCy's "Rule-based matching" usage page.
nlp = spacy.blank("en")
matcher = Matcher(nlp.vocab)
matcher.add("HelloWorld", [
    [{"LOWER": "hello"}, {"IS_PUNCT": True}, {"LOWER": "world"}],
    [{"LOWER": "hello"}, {"LOWER": "world"}],
])
doc = nlp("Hello, world! Hello world!")
for match_id, start, end in matcher(doc):
    print("match", nlp.vocab.strings[match_id], match_id == nlp.vocab.strings["HelloWorld"],
          start, end, doc[start:end].text)

matcher = Matcher(nlp.vocab)
matcher.add("OPTIONAL_PUNCT", [[{"LOWER": "hello"}, {"IS_PUNCT": True, "OP": "?"},
                                {"LOWER": "world"}]])
matcher.add("PLUS", [[{"LOWER": {"IN": ["very", "really"]}, "OP": "+"}, {"IS_ALPHA": True}]])
matcher.add("STAR", [[{"LOWER": "so"}, {"IS_ALPHA": True, "OP": "*"}, {"IS_PUNCT": True}]])
matcher.add("NOT", [[{"LOWER": "not"}, {"LOWER": "very", "OP": "!"}, {"IS_ALPHA": True}]])
matcher.add("RANGE", [[{"TEXT": "a", "OP": "{1,3}"}, {"LOWER": "b"}]])
matcher.add("REGEX", [[{"TEXT": {"REGEX": r"^[Uu](\.?|nited)$"}},
                       {"TEXT": {"REGEX": r"^[Ss](\.?|tates)$"}}]])
matcher.add("LENGTH", [[{"LENGTH": {">=": 10}}]])
matcher.add("NUM", [[{"LIKE_NUM": True}, {"LOWER": {"IN": ["km", "miles"]}}]])
matcher.add("SHAPE", [[{"SHAPE": "dd"}, {"ORTH": ":"}, {"SHAPE": "dd"}]])
matcher.add("NOT_IN", [[{"LOWER": "the"}, {"LOWER": {"NOT_IN": ["cat", "dog"]}}]])
text = ("Hello world! Hello, world! It was very very really good, so it goes on and on. "
        "I am not very happy but not sad. a a a b. The United States and the U.S. "
        "are extraordinary. We ran 10 km or 3 miles at 10:30 with the cat and the bird.")
doc = nlp(text)
for match_id, start, end in matcher(doc):
    print(nlp.vocab.strings[match_id], start, end, repr(doc[start:end].text))

print("greedy")
for greedy in ("FIRST", "LONGEST"):
    m = Matcher(nlp.vocab)
    m.add("A_PLUS", [[{"ORTH": "a", "OP": "+"}]], greedy=greedy)
    print(greedy, [(s, e) for _, s, e in m(nlp("a a a b a a"))])
m = Matcher(nlp.vocab)
m.add("A_PLUS", [[{"ORTH": "a", "OP": "+"}]])
print("all", [(s, e) for _, s, e in m(nlp("a a a b a a"))])

print("as_spans")
spans = matcher(doc, as_spans=True)
for span in spans[:5]:
    print(span.text, span.label_, span.start, span.end)
print("with_alignments")
m = Matcher(nlp.vocab)
m.add("ALIGN", [[{"LOWER": "very", "OP": "+"}, {"LOWER": {"IN": ["good", "happy"]}}]])
for match_id, start, end, align in m(doc, with_alignments=True):
    print(start, end, align)

print("len", len(matcher), "contains", "REGEX" in matcher, "NOPE" in matcher)
matcher.remove("REGEX")
print("after remove", len(matcher), "REGEX" in matcher)
print("get", matcher.get("NUM"))
