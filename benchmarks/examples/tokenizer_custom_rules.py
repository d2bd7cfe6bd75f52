import re

import spacy
from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Changing the tokenizer's prefix / suffix / infix rules with spaCy's util helpers.
nlp = spacy.blank("en")
text = "mother-in-law (hello) [world] 55kg 10:30 a=b ...wow...  hello-world"
print([t.text for t in nlp(text)])

# Add a prefix and a suffix.
prefixes = list(nlp.Defaults.prefixes) + ["@@"]
nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
suffixes = list(nlp.Defaults.suffixes) + ["-+$"]
nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
print([t.text for t in nlp("@@hello world-- @@hey---")])

# Remove a suffix rule: ")" is no longer split off the end.
suffixes = [s for s in nlp.Defaults.suffixes if s != r"\)"]
nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
print([t.text for t in nlp("(hello) world")])

# Keep hyphenated words together: the docs' modified infixes.
nlp = spacy.blank("en")
infixes = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        rf"(?<=[{ALPHA_LOWER}{CONCAT_QUOTES}])\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])",
        rf"(?<=[{ALPHA}]),(?=[{ALPHA}])",
        # r"(?<=[{a}])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS),
        rf"(?<=[{ALPHA}0-9])[:<>=/](?=[{ALPHA}])",
    ]
)
infix_re = compile_infix_regex(infixes)
nlp.tokenizer.infix_finditer = infix_re.finditer
print([t.text for t in nlp("mother-in-law")])
print([t.text for t in nlp(text)])
print("hyphens in default infixes:", any(HYPHENS in r for r in nlp.Defaults.infixes))

# token_match and url_match.
nlp = spacy.blank("en")
nlp.tokenizer.token_match = re.compile(r"^#\w+$").match
print([t.text for t in nlp("I love #NLP, and #spaCy!")])
nlp.tokenizer.url_match = re.compile(r"^www\.\S+$").match
print([t.text for t in nlp("see www.example.com/page), or http://x.org.")])
print(nlp.tokenizer.explain("see www.example.com/page), or http://x.org."))
nlp.tokenizer.url_match = None
print([t.text for t in nlp("see http://x.org.")])

# A Tokenizer built from scratch: only the rules it is given.
special_cases = {":)": [{"ORTH": ":)"}]}
prefix_re = re.compile(r'''^[\[\("']''')
suffix_re = re.compile(r'''[\]\)"']$''')
infix_re = re.compile(r'''[-~]''')
simple_url_re = re.compile(r'''^https?://''')


def custom_tokenizer(nlp):
    return Tokenizer(nlp.vocab, rules=special_cases,
                     prefix_search=prefix_re.search,
                     suffix_search=suffix_re.search,
                     infix_finditer=infix_re.finditer,
                     url_match=simple_url_re.match)


nlp.tokenizer = custom_tokenizer(nlp)
doc = nlp("hello-world. :) (it's) 'quoted' https://a-b.com~ok")
print([t.text for t in doc])

# An empty Tokenizer splits on whitespace only.
nlp.tokenizer = Tokenizer(nlp.vocab)
doc = nlp("What's happened to me? he thought. It wasn't a dream.")
print([t.text for t in doc])
print(nlp.tokenizer.prefix_search, nlp.tokenizer.rules)
