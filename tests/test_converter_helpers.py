"""spaCy's public helpers in its converter modules (spacy-conll imports get_entities from
spacy.training.converters.conllu_to_docs; others read_iob, segment_docs, ...): present at
the same paths, with spaCy's results (expected values taken from spaCy 3.8)."""
import wasabi

from lexloom.training.converters.conll_ner_to_docs import (n_sents_info, segment_docs,
                                                            segment_sents_and_docs)
from lexloom.tokens import Doc, Token
from lexloom.training.converters.conllu_to_docs import (MISC_NER_PATTERN, conllu_sentence_to_doc,
                                                         get_entities, has_ner,
                                                         merge_conllu_subtokens, read_conllx)
from lexloom.training.converters.iob_to_docs import read_iob
from lexloom.vocab import Vocab

NER_EQUALS = r"(NER=)?([BILU])-([A-Z_]+)"
CONLLU = (
    "# sent_id = 1\n"
    "1\tApple\tapple\tPROPN\tNNP\t_\t2\tnsubj\t_\tNER=B-ORG\n"
    "2\tInc\tinc\tPROPN\tNNP\t_\t3\tnsubj\t_\tNER=I-ORG|SpaceAfter=No\n"
    "3\tgrows\tgrow\tVERB\tVBZ\tMood=Ind\t0\troot\t_\tNER=O\n"
    "\n"
    "1\tBob\tbob\tPROPN\tNNP\t_\t2\tnsubj\t_\tname=B-PER\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\tO\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\tO\n"
    "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tname=U-LOC\n")


def _sentences():
    return [[line for line in block.split("\n") if line and not line.startswith("#")]
            for block in CONLLU.strip().split("\n\n")]


def test_get_entities_reads_the_tags_a_pattern_matches_as_biluo():
    first, second = _sentences()
    assert get_entities(first, NER_EQUALS) == ["B-ORG", "L-ORG", "O"]
    assert get_entities(first, NER_EQUALS, {"ORG": "COMPANY"}) == [
        "B-COMPANY", "L-COMPANY", "O"]
    assert get_entities(second, NER_EQUALS) == ["O", "O", "O", "O"]   # the range is skipped
    assert get_entities(second, MISC_NER_PATTERN) == ["U-PER", "O", "O", "U-LOC"]
    assert get_entities(second, MISC_NER_PATTERN, {"PER": ""}) == ["O", "O", "O", "U-LOC"]
    assert has_ner(CONLLU, NER_EQUALS) and not has_ner(CONLLU, r"ENT=")
    with_newlines = [line + "\n" for line in first]   # as readlines() gives them
    assert get_entities(with_newlines, NER_EQUALS) == ["B-ORG", "L-ORG", "O"]


def test_read_conllx_gives_one_doc_per_sentence():
    docs = list(read_conllx(CONLLU, merge_subtokens=True, ner_tag_pattern=MISC_NER_PATTERN))
    assert [len(doc) for doc in docs] == [3, 3]
    rows = [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
            for t in docs[1]]
    assert rows == [("Bob", "NNP", "PROPN", "bob", "nsubj", 1, "B", "PER"),
                    ("don't", "VBP_RB", "AUX", "do not", "aux", 2, "O", ""),
                    ("go", "VB", "VERB", "go", "ROOT", 2, "B", "LOC")]
    assert docs[0].text == "Apple Incgrows "
    doc = conllu_sentence_to_doc(Vocab(), _sentences()[1], MISC_NER_PATTERN, set_ents=True)
    assert [t.text for t in doc] == ["Bob", "do", "n't", "go"]
    assert [(t.ent_iob_, t.ent_type_) for t in doc] == [("B", "PER"), ("O", ""), ("O", ""),
                                                      ("B", "LOC")]


def test_read_iob_groups_lines_counting_blank_ones():
    lines = ["I|PRP|O like|VBP|O London|NNP|B-GPE .|.|O", "", "Paris|B-LOC is|O nice|O",
             "x|O"]
    docs = list(read_iob(lines, Vocab(), 2))
    assert [[t.text for t in doc] for doc in docs] == [["I", "like", "London", "."],
                                                       ["Paris", "is", "nice", "x"]]
    assert [t.tag_ for t in docs[1]] == ["-"] * 4
    assert [(e.text, e.label_) for e in docs[0].ents] == [("London", "GPE")]
    assert [t.is_sent_start for t in docs[1]] == [True, False, False, True]


def test_the_conll_ner_segmenting_helpers():
    conll = "EU B-ORG\nrejects O\n\nGerman B-MISC\ncall O\n\nx O\n\ny O"
    assert segment_docs(conll, 2, "-DOCSTART- -X- O O") == (
        "\n\n-DOCSTART- -X- O OEU B-ORG\nrejects O\n\nGerman B-MISC\ncall O"
        "\n\n-DOCSTART- -X- O Ox O\n\ny O")
    printer = wasabi.Printer(no_print=True)
    text = segment_sents_and_docs("EU B-ORG\nrejects O\n. O\nGerman B-MISC\ncall O\n. O", 1,
                                  "-DOCSTART- -X- O O", msg=printer)
    assert text.split("\n") == ["-DOCSTART- -X- O O", "", "EU B-ORG", "rejects O", ". O",
                                "-DOCSTART- -X- O O", "", "German B-MISC", "call O", ". O"]
    n_sents_info(printer, 1)   # a printer's info and warn lines, no error


def test_merge_conllu_subtokens_merges_each_range_into_one_token():
    lines = _sentences()[1]
    doc = Doc(Vocab(), words=["Bob", "do", "n't", "go"], spaces=[True, False, True, False],
              tags=["NNP", "VBP", "RB", "VB"], lemmas=["bob", "do", "not", "go"],
              heads=[3, 3, 3, 3], deps=["nsubj", "aux", "advmod", "ROOT"])
    merge_conllu_subtokens([], Doc(Vocab(), words=["x"]))   # registers the extensions
    doc[1]._.merged_morph = "Number=Sing|Mood=Ind"
    doc[2]._.merged_morph = "Polarity=Neg|Mood=Ind,Imp"
    merged = merge_conllu_subtokens(lines, doc)
    assert merged is doc
    assert [t.text for t in doc] == ["Bob", "don't", "go"]
    token = doc[1]
    assert (token.tag_, token._.merged_lemma, token._.merged_orth) == ("VBP_RB", "do not", "do")
    assert token._.merged_morph == "Mood=Imp,Ind|Number=Sing|Polarity=Neg"
    assert token._.merged_spaceafter is True and token.head.i == 2
    assert all(Token.has_extension(name) for name in
               ("merged_orth", "merged_lemma", "merged_morph", "merged_spaceafter"))
