"""Converters: CoNLL-U, IOB (sentence per line and Universal NER columns), CoNLL NER."""
from __future__ import annotations

import pytest

from lexloom.errors import ConversionError
from lexloom.tokens.docbin import DocBin
from lexloom.training.converters import (CONVERTERS, autodetect_ner_format, convert,
                                         conll_ner_to_docs, conllu_to_docs, iob_to_docs)
from lexloom.vocab import Vocab

# Two sentences of one document, then a second document. The first sentence has a multi-word
# token (4-5 "don't" → "do" + "n't"), an empty node (8.1) and SpaceAfter=No; the third has
# entity tags in MISC for the NER test variant.
CONLLU = """\
# newdoc id = doc1
# sent_id = s1
# text = I said I don't know, right?
1\tI\tI\tPRON\tPRP\tCase=Nom|Number=Sing|Person=1|PronType=Prs\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tI\tI\tPRON\tPRP\tCase=Nom|Number=Sing|Person=1|PronType=Prs\t6\tnsubj\t_\t_
4-5\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
4\tdo\tdo\tAUX\tVBP\tMood=Ind|Tense=Pres|VerbForm=Fin\t6\taux\t_\t_
5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_
6\tknow\tknow\tVERB\tVB\tVerbForm=Inf\t2\tccomp\t_\tSpaceAfter=No
7\t,\t,\tPUNCT\t,\t_\t8\tpunct\t_\t_
8\tright\tright\tINTJ\tUH\t_\t2\tdiscourse\t_\tSpaceAfter=No
8.1\tis\tbe\tAUX\tVBZ\t_\t_\t_\t2:aux\t_
9\t?\t?\tPUNCT\t.\t_\t2\tpunct\t_\tSpaceAfter=No

# sent_id = s2
# text = Thanks.
1\tThanks\tthanks\tNOUN\tNN\tNumber=Plur\t0\troot\t_\tSpaceAfter=No
2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_

# newdoc id = doc2
# sent_id = s3
# text = Bye now
1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_
2\tnow\tnow\tADV\tRB\t_\t1\tadvmod\t_\t_
"""


def tokens(doc):
    return [(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_)
            for t in doc]


def sent_starts(doc):
    return [bool(t.is_sent_start) for t in doc]


# ---------------------------------------------------------------------------- CoNLL-U


def test_conllu_one_sentence_per_doc():
    docs = list(conllu_to_docs(CONLLU, n_sents=1))
    assert [len(d) for d in docs] == [9, 2, 2]
    first = docs[0]
    assert first.text == "I said I don't know, right?"
    assert not first.has_unknown_spaces
    assert tokens(first)[:6] == [
        ("I", " ", "PRP", "PRON", "Case=Nom|Number=Sing|Person=1|PronType=Prs", "I", 1, "nsubj"),
        ("said", " ", "VBD", "VERB", "Mood=Ind|Tense=Past|VerbForm=Fin", "say", 1, "ROOT"),
        ("I", " ", "PRP", "PRON", "Case=Nom|Number=Sing|Person=1|PronType=Prs", "I", 5, "nsubj"),
        ("do", "", "VBP", "AUX", "Mood=Ind|Tense=Pres|VerbForm=Fin", "do", 5, "aux"),
        ("n't", " ", "RB", "PART", "", "not", 5, "advmod"),
        ("know", "", "VB", "VERB", "VerbForm=Inf", "know", 1, "ccomp"),
    ]
    assert [t.text for t in first] == ["I", "said", "I", "do", "n't", "know", ",", "right", "?"]
    assert "is" not in [t.text for t in first]          # the empty node 8.1 is skipped
    assert sent_starts(first) == [True] + [False] * 8
    assert list(first.ents) == []
    assert [t.ent_iob_ for t in first] == [""] * 9      # no NER in MISC: entities unknown


def test_conllu_groups_sentences_and_adds_space_between_them():
    docs = list(conllu_to_docs(CONLLU, n_sents=2))
    assert [len(d) for d in docs] == [11, 2]
    assert docs[0].text == "I said I don't know, right? Thanks. "   # "." has no SpaceAfter=No
    assert sent_starts(docs[0]) == [True] + [False] * 8 + [True, False]
    assert [t.head.i for t in docs[0]][9:] == [9, 9]      # heads shifted by the offset
    (whole,) = conllu_to_docs(CONLLU, n_sents=10)
    assert "".join(t.text_with_ws for t in whole) == (
        "I said I don't know, right? Thanks. Bye now ")       # "now" has no SpaceAfter=No


def test_conllu_newdoc_grouping():
    by_newdoc = list(conllu_to_docs(CONLLU, n_sents=0))
    assert [len(d) for d in by_newdoc] == [11, 2]
    split = list(conllu_to_docs(CONLLU, n_sents=10, split_on_newdoc=True))
    assert [len(d) for d in split] == [11, 2]
    assert [len(d) for d in conllu_to_docs(CONLLU, n_sents=10)] == [13]   # spaCy ignores newdoc


def test_conllu_merge_subtokens_uses_the_surface_form():
    (doc,) = list(conllu_to_docs(CONLLU, n_sents=1, merge_subtokens=True))[:1]
    assert [t.text for t in doc] == ["I", "said", "I", "don't", "know", ",", "right", "?"]
    dont = doc[3]
    assert (dont.whitespace_, dont.tag_, dont.pos_, dont.lemma_, dont.dep_, dont.head.i) == (
        " ", "VBP_RB", "AUX", "do not", "aux", 4)
    assert str(dont.morph) == "Mood=Ind|Tense=Pres|VerbForm=Fin"
    assert doc.text == "I said I don't know, right?"


def test_conllu_append_morphology():
    (doc,) = list(conllu_to_docs(CONLLU, n_sents=1, append_morphology=True))[2:]
    assert [t.tag_ for t in doc] == ["UH", "RB"]
    (first,) = list(conllu_to_docs(CONLLU, n_sents=1, append_morphology=True))[:1]
    assert first[5].tag_ == "VB__VerbForm=Inf"


def test_conllu_entities_from_misc():
    text = CONLLU.replace("1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_",
                          "1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\tNE=B-PER")
    text = text.replace("2\tnow\tnow\tADV\tRB\t_\t1\tadvmod\t_\t_",
                        "2\tnow\tnow\tADV\tRB\t_\t1\tadvmod\t_\tname=I-PER")
    docs = list(conllu_to_docs(text, n_sents=1))
    assert [(e.start, e.end, e.label_) for e in docs[2].ents] == [(0, 2, "PER")]
    assert [t.ent_iob_ for t in docs[0]] == ["O"] * 9      # once any token has NER, all do
    mapped = list(conllu_to_docs(text, n_sents=1, ner_map={"PER": "PERSON"}))
    assert [e.label_ for e in mapped[2].ents] == ["PERSON"]
    dropped = list(conllu_to_docs(text, n_sents=1, ner_map={"PER": ""}))
    assert list(dropped[2].ents) == []
    # spaCy's pattern doesn't read NER=: a file with only those has no entity annotation
    unread = CONLLU.replace("1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_",
                            "1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\tNER=B-PER")
    assert all(not d.has_annotation("ENT_IOB") for d in conllu_to_docs(unread, n_sents=1))


def test_conllu_roundtrips_through_docbin():
    docs = list(conllu_to_docs(CONLLU, n_sents=2))
    back = list(DocBin().from_bytes(DocBin(docs=docs).to_bytes()).get_docs(Vocab()))
    assert [tokens(d) for d in back] == [tokens(d) for d in docs]
    assert [sent_starts(d) for d in back] == [sent_starts(d) for d in docs]


def _with_line(line_no: int, new_line: str) -> str:
    lines = CONLLU.split("\n")
    lines[line_no - 1] = new_line
    return "\n".join(lines)


@pytest.mark.parametrize("line_no, bad_line, message", [
    (4, "1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_", "10 tab-separated columns"),
    (4, "1 I I PRON PRP _ 2 nsubj _ _", "10 tab-separated columns"),
    (4, "1\tI\tI\tPRON\tPRP\t_\tX\tnsubj\t_\t_", "HEAD 'X' is not an integer"),
    (4, "1\tI\tI\tPRON\tPRP\t_\t12\tnsubj\t_\t_", "HEAD 12 is out of range"),
    (4, "2\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_", "expected 1, found 2"),
    (4, "one\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_", "word ID 'one' is not an integer"),
    (4, "1\tI\tI\tPRONOUN\tPRP\t_\t2\tnsubj\t_\t_", "UPOS 'PRONOUN'"),
    (4, "1\tI\tI\tPRON\tPRP\tCase\t2\tnsubj\t_\t_", "FEATS 'Case'"),
    (7, "4-12\tdon't\t_\t_\t_\t_\t_\t_\t_\t_", "covers words the sentence does not have"),
])
def test_conllu_malformed_lines_name_file_and_line(line_no, bad_line, message):
    with pytest.raises(ConversionError, match=message) as info:
        list(conllu_to_docs(_with_line(line_no, bad_line), source="train.conllu"))
    assert f"train.conllu:{line_no}:" in str(info.value)


# ---------------------------------------------------------------------------- IOB


IOB_PIPES = ("I|PRP|O like|VBP|O London|NNP|I-GPE and|CC|O New|NNP|B-GPE York|NNP|I-GPE "
             "City|NNP|I-GPE .|.|O\n"
             "Ada|B-PER Lovelace|I-PER wrote|O\n")


def test_iob_sentence_per_line():
    docs = list(iob_to_docs(IOB_PIPES, n_sents=1))
    first, second, last = docs  # the final newline is a blank "sentence": spaCy's empty Doc
    assert len(last) == 0
    assert [t.text for t in first] == ["I", "like", "London", "and", "New", "York", "City", "."]
    assert [t.tag_ for t in first][:3] == ["PRP", "VBP", "NNP"]
    assert [(e.start, e.end, e.label_) for e in first.ents] == [(2, 3, "GPE"), (4, 7, "GPE")]
    assert first.has_unknown_spaces
    assert [t.tag_ for t in second] == ["-", "-", "-"]
    assert [(e.text, e.label_) for e in second.ents] == [("Ada Lovelace", "PER")]
    (both,) = iob_to_docs(IOB_PIPES, n_sents=10)
    assert sent_starts(both) == [True] + [False] * 7 + [True, False, False]


def test_iob_pipes_malformed():
    with pytest.raises(ConversionError, match=r"in.iob:2: token 2 .* has 3 '\|'-separated"):
        list(iob_to_docs("a|O b|O\nc|O d|X|O\n", source="in.iob"))
    with pytest.raises(ConversionError, match=r"in.iob:1: the token 'a' has 1"):
        list(iob_to_docs("a b c\n", source="in.iob"))
    with pytest.raises(ConversionError, match=r"in.iob:1: the entity tag 'GPE'"):
        list(iob_to_docs("a|O b|GPE\n", source="in.iob"))


UNER = """\
# newdoc id = d1
# sent_id = s1
# text = where can I get morcillas in tampa bay, please?
1\twhere\tO\t-\t-
2\tcan\tO\t-\t-
3\tI\tO\t-\t-
4\tget\tO\t-\t-
5\tmorcillas\tO\t-\t-
6\tin\tO\t-\t-
7\ttampa\tB-LOC\t-\tstephen
8\tbay\tI-LOC\t-\tstephen
9\t,\tO\t-\t-
10\tplease\tO\t-\t-
11\t?\tO\t-\t-

# sent_id = s2
# text = Ask Ada.
1\tAsk\tO\t-\t-
2\tAda\tB-PER\t-\t-
3\t.\tO\t-\t-
"""


def test_iob_universal_ner_columns():
    docs = list(iob_to_docs(UNER, n_sents=1))
    assert len(docs) == 2
    first = docs[0]
    assert first.text == "where can I get morcillas in tampa bay, please?"
    assert not first.has_unknown_spaces
    assert [(e.text, e.label_) for e in first.ents] == [("tampa bay", "LOC")]
    assert [t.tag_ for t in first] == [""] * 11
    (both,) = iob_to_docs(UNER, n_sents=10)
    assert both.text == "where can I get morcillas in tampa bay, please? Ask Ada."
    assert sent_starts(both) == [True] + [False] * 10 + [True, False, False]
    assert [(e.text, e.label_) for e in both.ents] == [("tampa bay", "LOC"), ("Ada", "PER")]


def test_iob_columns_without_matching_text_have_unknown_spaces():
    text = UNER.replace("# text = Ask Ada.", "# text = something else")
    docs = list(iob_to_docs(text, n_sents=1))
    assert not docs[0].has_unknown_spaces and docs[1].has_unknown_spaces


def test_iob_columns_malformed():
    with pytest.raises(ConversionError, match=r"dev.iob2:7: the token index '5' should be 4"):
        list(iob_to_docs(UNER.replace("4\tget", "5\tget"), source="dev.iob2"))
    with pytest.raises(ConversionError, match=r"dev.iob2:6: expected 5 tab-separated"):
        list(iob_to_docs(UNER.replace("3\tI\tO\t-\t-", "3\tI\tO"), source="dev.iob2"))
    with pytest.raises(ConversionError, match=r"dev.iob2:11: the entity tag '-'"):
        list(iob_to_docs(UNER.replace("8\tbay\tI-LOC", "8\tbay\t-"), source="dev.iob2"))


# ---------------------------------------------------------------------------- CoNLL NER


NER = """\
-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
"""


def test_conll_ner_docstart_makes_documents():
    docs = list(conll_ner_to_docs(NER, n_sents=1))
    assert [len(d) for d in docs] == [7, 2]       # -DOCSTART- wins over n_sents, as in spaCy
    first = docs[0]
    assert [t.text for t in first] == ["EU", "rejects", "German", "call", ".", "Peter", "Blackburn"]
    assert [t.tag_ for t in first][:2] == ["NNP", "VBZ"]
    assert [(e.text, e.label_) for e in first.ents] == [("EU", "ORG"), ("German", "MISC"),
                                                       ("Peter Blackburn", "PER")]
    assert sent_starts(first) == [True, False, False, False, False, True, False]
    assert first.has_unknown_spaces


def test_conll_ner_without_docstart_groups_n_sents():
    text = "\n".join(line for line in NER.split("\n") if not line.startswith("-DOCSTART-"))
    rows = (line.split() for line in text.split("\n"))
    text = "\n".join(f"{cols[0]} {cols[-1]}" if cols else "" for cols in rows)
    docs = list(conll_ner_to_docs(text, n_sents=2))
    assert [len(d) for d in docs] == [7, 2]
    assert [t.tag_ for t in docs[0]][:2] == ["-", "-"]
    assert [len(d) for d in conll_ner_to_docs(text, n_sents=0)] == [9]


def test_conll_ner_malformed():
    with pytest.raises(ConversionError,
                       match=r"n.txt:4: this line has 2 columns .* \(line 3\) has 3"):
        list(conll_ner_to_docs("\n\nEU NNP B-ORG\nrejects O\n", source="n.txt"))
    with pytest.raises(ConversionError, match=r"n.txt:2: a token line needs at least two"):
        list(conll_ner_to_docs("EU B-ORG\nrejects\n", source="n.txt"))
    with pytest.raises(ConversionError, match=r"n.txt:1: the entity tag 'X-ORG'"):
        list(conll_ner_to_docs("EU X-ORG\n", source="n.txt"))


# ---------------------------------------------------------------------------- convert()


def test_convert_writes_stem_dot_spacy(tmp_path):
    src = tmp_path / "train.conllu"
    src.write_text(CONLLU, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    seen = []
    path = convert(src, out, "auto", n_sents=2, progress=seen.append)
    assert path == out / "train.spacy" and path.exists()
    assert len(seen) == 2
    docs = list(DocBin().from_disk(path).get_docs(Vocab()))
    assert [tokens(d) for d in docs] == [tokens(d) for d in conllu_to_docs(CONLLU, n_sents=2)]


def test_convert_detects_ner_layouts(tmp_path):
    uner = tmp_path / "dev.iob2"
    uner.write_text(UNER, encoding="utf-8")
    ner = tmp_path / "eng.ner"
    ner.write_text(NER, encoding="utf-8")
    pipes = tmp_path / "pipes.iob"
    pipes.write_text(IOB_PIPES, encoding="utf-8")
    for src, n_docs in ((uner, 2), (ner, 2), (pipes, 3)):
        docs = list(DocBin().from_disk(convert(src, tmp_path, "auto", n_sents=1)).get_docs(Vocab()))
        assert len(docs) == n_docs, src
    assert autodetect_ner_format(NER) == "ner"
    assert autodetect_ner_format(IOB_PIPES) == "iob"
    assert autodetect_ner_format(UNER) == "iob"
    assert set(CONVERTERS) >= {"conllu", "conllubio", "conll", "ner", "iob"}


def test_convert_errors(tmp_path):
    src = tmp_path / "data.xyz"
    src.write_text("x", encoding="utf-8")
    with pytest.raises(ConversionError, match="No converter for 'xyz'"):
        convert(src, tmp_path)
    with pytest.raises(ConversionError, match="no such input file"):
        convert(tmp_path / "missing.conllu", tmp_path)
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tx\n", encoding="utf-8")
    with pytest.raises(ConversionError, match=r"bad.conllu:1: a CoNLL-U token line"):
        convert(bad, tmp_path)


def test_iob_blank_lines_count_towards_n_sents_as_in_spacy():
    text = "a|O\n\nb|B-X\nc|O\n\n\nd|O\n"
    for n_sents, texts in ((1, ["a", "", "b", "c", "", "", "d", ""]),
                           (2, ["a", "b c", "", "d"]),
                           (3, ["a b", "c", "d"])):
        docs = list(iob_to_docs(text, n_sents=n_sents))
        assert [" ".join(t.text for t in doc) for doc in docs] == texts, n_sents


@pytest.mark.parametrize("name", ["conllu_to_docs", "conll_ner_to_docs", "iob_to_docs",
                                  "json_to_docs"])
def test_each_converter_lives_in_its_spacy_named_module(name):
    # spacy.training.converters.<name> is a module holding the function <name>
    import importlib

    import lexloom.training.converters as package

    module = importlib.import_module(f"lexloom.training.converters.{name}")
    assert getattr(module, name) is getattr(package, name)
