"""Write tests/data/spacy_written.spacy with spaCy itself, for lexloom's DocBin read test.

Run with the benchmark environment that has spaCy 3.8 (spaCy is never a lexloom dependency):

    /work/bench-venv/bin/python tests/data/make_spacy_fixture.py

It writes the file next to this script and prints what lexloom must read back; those values
are hard-coded in tests/test_docbin.py::test_reads_spacy_written_fixture. The file holds three
docs: one with every annotation (tags, POS, morphs, lemmas, heads, deps, entities, sentence
starts, cats, two span groups, doc/token/span extension values in user_data), one made from
words only (unknown spaces, missing annotation) and one empty doc.
"""
from __future__ import annotations

import pprint
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span, Token

OUT = Path(__file__).with_name("spacy_written.spacy")


def build_docs(nlp):
    for cls in (Doc, Token, Span):
        if not cls.has_extension("source"):
            cls.set_extension("source", default=None)
    words = ["Dr.", "Ada", "Lovelace", "visited", "New", "York", "in", "1843", ".",
             "She", "wrote", "notes", "."]
    spaces = [True, True, True, True, True, True, True, False, True, True, True, False, False]
    doc = Doc(
        nlp.vocab, words=words, spaces=spaces,
        tags=["NNP", "NNP", "NNP", "VBD", "NNP", "NNP", "IN", "CD", ".", "PRP", "VBD", "NNS", "."],
        pos=["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "ADP", "NUM", "PUNCT",
             "PRON", "VERB", "NOUN", "PUNCT"],
        morphs=["Number=Sing", "Number=Sing", "Number=Sing", "Mood=Ind|Tense=Past|VerbForm=Fin",
                "Number=Sing", "Number=Sing", "", "NumType=Card", "PunctType=Peri",
                "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs",
                "Mood=Ind|Tense=Past|VerbForm=Fin", "Number=Plur", "PunctType=Peri"],
        lemmas=["Dr.", "Ada", "Lovelace", "visit", "New", "York", "in", "1843", ".",
                "she", "write", "note", "."],
        heads=[2, 2, 3, 3, 5, 3, 7, 3, 3, 10, 10, 10, 10],
        deps=["compound", "compound", "nsubj", "ROOT", "compound", "obj", "case", "obl", "punct",
              "nsubj", "ROOT", "obj", "punct"],
        ents=["O", "B-PERSON", "I-PERSON", "O", "B-GPE", "I-GPE", "O", "B-DATE", "O",
              "O", "O", "O", "O"],
    )
    doc.cats = {"HISTORY": 1.0, "SPORTS": 0.0}
    doc.spans["people"] = [Span(doc, 0, 3, label="PERSON", kb_id="Q7259", span_id="ada")]
    doc.spans["places"] = [Span(doc, 4, 6, label="CITY"), Span(doc, 7, 8, label="YEAR")]
    doc._.source = "fixture"
    doc[3]._.source = "verb"
    doc[4:6]._.source = {"kind": "city", "ids": [1, 2]}

    bare = Doc(nlp.vocab, words=["no", "spaces", "known"])
    empty = Doc(nlp.vocab, words=[], spaces=[])
    return [doc, bare, empty]


def describe(doc):
    return {
        "text": doc.text,
        "has_unknown_spaces": doc.has_unknown_spaces,
        "tokens": [(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i,
                    t.dep_, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc],
        "ents": [(e.start, e.end, e.label_) for e in doc.ents],
        "cats": doc.cats,
        "spans": {key: [(s.start, s.end, s.label_, s.kb_id_, s.id_) for s in group]
                  for key, group in doc.spans.items()},
        "user_data": doc.user_data,
    }


def main() -> None:
    nlp = spacy.blank("en")
    DocBin(store_user_data=True, docs=build_docs(nlp)).to_disk(OUT)
    read = list(DocBin().from_disk(OUT).get_docs(spacy.blank("en").vocab))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes) with spaCy {spacy.__version__}")
    pprint.pprint([describe(doc) for doc in read], width=100, sort_dicts=False)


if __name__ == "__main__":
    main()
