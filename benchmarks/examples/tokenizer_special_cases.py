import spacy
from spacy.attrs import NORM, ORTH
from spacy.symbols import ORTH as SYM_ORTH

# Special cases and the tokenizer's explain(), from the "Tokenization" usage section.
nlp = spacy.blank("en")
doc = nlp("gimme that")
print([w.text for w in doc])

special_case = [{ORTH: "gim"}, {ORTH: "me"}]
nlp.tokenizer.add_special_case("gimme", special_case)
print([w.text for w in nlp("gimme that")])

nlp.tokenizer.add_special_case("lemme", [{SYM_ORTH: "lem", NORM: "let"}, {SYM_ORTH: "me"}])
print([(w.text, w.norm_) for w in nlp("lemme see, Lemme see")])

# Special cases are applied after punctuation is split off.
print([w.text for w in nlp("(gimme that)")])
print([w.text for w in nlp("gimme!!")])

nlp.tokenizer.add_special_case("...gimme...?", [{"ORTH": "...gimme...?"}])
print([w.text for w in nlp("...gimme...?")])
nlp.tokenizer.add_special_case("...?", [{"ORTH": "...?"}])
print([w.text for w in nlp("...?")])

text = '''"Let's go!" Don't you dare, Mr. Smith -- it's 9:30am in the U.K.'''
doc = nlp(text)
print([t.text for t in doc])
print([(t.text, t.whitespace_, t.idx) for t in doc][:6])
tok_exp = nlp.tokenizer.explain(text)
assert [t.text for t in doc if not t.is_space] == [t[1] for t in tok_exp]
for t in tok_exp:
    print(t[1], "\t", t[0])

print(nlp.tokenizer.explain("gimme (lemme) e.g. N.Y.C., $4.50 http://example.com/a?b=c"))
print("rules contain gimme:", "gimme" in nlp.tokenizer.rules)
for text in ["I can't won't shouldn't", "Hello :) world :-(", "Let's e-mail U.S.A. 10km"]:
    print([(t.text, t.norm_) for t in nlp(text)])
