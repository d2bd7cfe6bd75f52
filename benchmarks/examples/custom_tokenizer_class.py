import spacy
from spacy.tokens import Doc

# A tokenizer class of one's own, and Docs built from words and spaces directly.


class WhitespaceTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text):
        words = text.split(" ")
        spaces = [True] * len(words)
        # Avoid zero-length tokens
        for i, word in enumerate(words):
            if word == "":
                words[i] = " "
                spaces[i] = False
        # Remove the final trailing space
        if words[-1] == " ":
            words = words[0:-1]
            spaces = spaces[0:-1]
        else:
            spaces[-1] = False
        return Doc(self.vocab, words=words, spaces=spaces)


nlp = spacy.blank("en")
nlp.tokenizer = WhitespaceTokenizer(nlp.vocab)
doc = nlp("What's happened to me? he thought. It wasn't a dream.")
print([token.text for token in doc])
doc = nlp("two  spaces and a trailing one ")
print([(t.text, t.whitespace_) for t in doc], repr(doc.text))

nlp = spacy.blank("en")
words = ["Hello", ",", "world", "!"]
spaces = [False, True, False, False]
doc = Doc(nlp.vocab, words=words, spaces=spaces)
print(doc.text)
print([(t.text, t.text_with_ws, t.whitespace_) for t in doc])
doc = Doc(nlp.vocab, words=["Hello", "world"])
print(repr(doc.text), len(doc))

doc = Doc(nlp.vocab, words=["I", "like", "New", "York"], spaces=[True, True, True, False],
          ents=["O", "O", "B-GPE", "I-GPE"], pos=["PRON", "VERB", "PROPN", "PROPN"],
          heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "compound", "dobj"],
          lemmas=["I", "like", "New", "York"])
print([(t.text, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc])
print([(e.text, e.label_) for e in doc.ents], [s.text for s in doc.sents])

# Training-style alignment of a different tokenization with Alignment.
from spacy.training import Alignment

other_tokens = ["i", "listened", "to", "obama", "'", "s", "podcasts", "."]
spacy_tokens = ["i", "listened", "to", "obama", "'s", "podcasts", "."]
align = Alignment.from_strings(other_tokens, spacy_tokens)
print(f"a -> b, lengths: {align.x2y.lengths}")
print(f"a -> b, mapping: {align.x2y.data}")
print(f"b -> a, lengths: {align.y2x.lengths}")
print(f"b -> a, mappings: {align.y2x.data}")
