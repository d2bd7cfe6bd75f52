import spacy
from spacy.tokens import Doc, Span, Token

# Custom extension attributes on Doc, Token and Span: defaults, getters, setters and methods.
nlp = spacy.blank("en")

fruits = ["apple", "pear", "banana"]
Token.set_extension("is_fruit", getter=lambda token: token.text in fruits)
Doc.set_extension("has_fruit", getter=lambda doc: any(token._.is_fruit for token in doc))
Span.set_extension("has_fruit", getter=lambda span: any(token._.is_fruit for token in span))
doc = nlp("I have an apple and a melon")
print(doc[3]._.is_fruit, doc[5]._.is_fruit, doc._.has_fruit, doc[1:4]._.has_fruit,
      doc[0:2]._.has_fruit)

Token.set_extension("is_color", default=False)
doc = nlp("The sky is blue.")
doc[3]._.is_color = True
print([(t.text, t._.is_color) for t in doc])
doc[3]._.set("is_color", False)
print(doc[3]._.get("is_color"), doc[3]._.has("is_color"), doc[3]._.has("nope"))

Doc.set_extension("hashtag_count", default=0)
doc = nlp("a #b #c")
doc._.hashtag_count = sum(t.text.startswith("#") for t in doc)
print(doc._.hashtag_count, nlp("x")._.hashtag_count)


def has_token(doc, token_text):
    in_doc = token_text in [token.text for token in doc]
    return in_doc


Doc.set_extension("has_token", method=has_token)
doc = nlp("I have an apple and a melon")
print(doc._.has_token("apple"), doc._.has_token("banana"))


def get_upper(span):
    return span.text.upper()


def set_upper(span, value):
    span.doc.user_data[("upper", span.start, span.end)] = value


Span.set_extension("upper", getter=get_upper, setter=set_upper)
span = doc[2:4]
print(span._.upper)
span._.upper = "X"
print(doc.user_data.get(("upper", 2, 4)))

print(Token.has_extension("is_fruit"), Token.get_extension("is_color"))
default, method, getter, setter = Doc.get_extension("has_token")
print(default, method is has_token, getter, setter)
removed = Token.remove_extension("is_color")
print(removed[0], Token.has_extension("is_color"))
try:
    print(doc[0]._.is_color)
except AttributeError as err:
    print("AttributeError", "is_color" in str(err))
try:
    Token.set_extension("is_fruit", default=True)
except ValueError:
    print("ValueError on re-set")
Token.set_extension("is_fruit", default=True, force=True)
print(doc[0]._.is_fruit)
try:
    Doc.set_extension("bad", default=1, getter=lambda d: 1)
except ValueError:
    print("ValueError on default+getter")

# Extension values travel with Doc.to_bytes / from_bytes.
Doc.set_extension("source", default=None)
doc = nlp("serialise me")
doc._.source = "unit-test"
doc2 = Doc(nlp.vocab).from_bytes(doc.to_bytes())
print(doc2.text, doc2._.source)
print(sorted(k for k in doc.user_data if isinstance(k, tuple))[:2])
