import spacy
from spacy.matcher import PhraseMatcher

# PhraseMatcher from lists of terms: exact ORTH, attr="LOWER", attr="SHAPE", on_match, as_spans.
nlp = spacy.blank("en")
matcher = PhraseMatcher(nlp.vocab)
terms = ["Barack Obama", "Angela Merkel", "Washington, D.C."]
patterns = [nlp.make_doc(text) for text in terms]
matcher.add("TerminologyList", patterns)
doc = nlp("German Chancellor Angela Merkel and US President Barack Obama "
          "converse in the Oval Office inside the White House in Washington, D.C.")
for match_id, start, end in matcher(doc):
    print(nlp.vocab.strings[match_id], start, end, doc[start:end].text)

matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
patterns = [nlp.make_doc(name) for name in ["Angela Merkel", "Barack Obama"]]
matcher.add("Names", patterns)
doc = nlp("angela merkel and us president barack Obama")
for match_id, start, end in matcher(doc):
    print("Matched based on lowercase token text:", doc[start:end])

matcher = PhraseMatcher(nlp.vocab, attr="SHAPE")
matcher.add("IP", [nlp("127.0.0.1"), nlp("127.127.0.0")])
doc = nlp("Often the router will have an IP address such as 192.168.1.1 or 192.168.2.1.")
for match_id, start, end in matcher(doc):
    print("Matched based on token shape:", doc[start:end])

# Many terms through nlp.tokenizer.pipe, with a callback and spans.
seen = []
matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
colours = ["red", "dark blue", "light green", "green", "blue"]
matcher.add("COLOUR", list(nlp.tokenizer.pipe(colours)),
            on_match=lambda m, d, i, ms: seen.append(d[ms[i][1]:ms[i][2]].text))
matcher.add("FRUIT", [nlp.make_doc("apple"), nlp.make_doc("green apple")])
doc = nlp("A Dark Blue car passed a green apple, a light green bike and a RED bus.")
for span in matcher(doc, as_spans=True):
    print(span.label_, span.start, span.end, span.text)
print("callback saw", seen)
print(len(matcher), "COLOUR" in matcher, "SIZE" in matcher)
matcher.remove("FRUIT")
print([doc[s:e].text for _, s, e in matcher(doc)])
