"""Scorer: the same keys and values as spaCy's on hand-made examples. The expected numbers
were computed with spaCy 3.8.18's Scorer on the very same Docs (see the comments)."""
import numpy
import pytest

import lexloom
from lexloom.scorer import PRFScore, Scorer, get_ner_prf, morph_key_getter, roc_auc
from lexloom.tokens import Doc, Span
from lexloom.training import Example


@pytest.fixture(scope="module")
def vocab():
    return lexloom.blank("en").vocab


@pytest.fixture(scope="module")
def token_examples(vocab):
    def D(words, spaces=None, **kw):
        return Doc(vocab, words=words, spaces=spaces, **kw)

    return [
        Example(D(["I", "live", "in", "New", "York", "."], [True, True, True, True, False, False],
                  tags=["PRP", "VBP", "IN", "NNP", "NN", "."],
                  pos=["PRON", "VERB", "ADP", "PROPN", "PROPN", "PUNCT"],
                  morphs=["Case=Nom", "Tense=Pres", "", "Number=Sing", "Number=Sing", ""],
                  sent_starts=[True, False, False, False, False, False]),
                D(["I", "live", "in", "New York", "."], [True, True, True, False, False],
                  tags=["PRP", "VBZ", "", "NNP", "."],
                  pos=["PRON", "VERB", "ADP", "PROPN", "PUNCT"],
                  morphs=["Case=Nom|Number=Sing", "Tense=Pres", "", "Number=Sing", ""],
                  sent_starts=[True, False, False, False, False])),
        Example(D(["Go", "now", ".", "Then", "stop", "!"], tags=["VB", "RB", ".", "RB", "VB", "."],
                  pos=["VERB", "ADV", "PUNCT", "ADV", "VERB", "PUNCT"],
                  morphs=["Mood=Imp", "", "", "", "VerbForm=Inf", ""],
                  sent_starts=[True, False, False, False, False, False]),
                D(["Go", "now", ".", "Then", "stop", "!"], tags=["VB", "RB", ".", "RB", "VB", "."],
                  pos=["VERB", "ADV", "PUNCT", "ADV", "VERB", "PUNCT"],
                  morphs=["Mood=Imp", "", "", "", "Mood=Imp", ""],
                  sent_starts=[True, False, False, True, False, False])),
    ]


@pytest.fixture(scope="module")
def cat_examples(vocab):
    cats = [({"A": 0.7, "B": 0.2, "C": 0.1}, {"A": 1.0, "B": 0.0, "C": 0.0}),
            ({"A": 0.4, "B": 0.5, "C": 0.1}, {"A": 1.0, "B": 0.0, "C": 0.0}),
            ({"A": 0.1, "B": 0.3, "C": 0.6}, {"A": 0.0, "B": 0.0, "C": 1.0}),
            ({"A": 0.3, "B": 0.6, "C": 0.55}, {"A": 0.0, "B": 1.0, "C": 1.0}),
            ({"A": 0.2, "B": 0.1, "C": 0.9}, {"A": 0.0, "C": 1.0})]
    out = []
    for pred, gold in cats:
        x, y = Doc(vocab, words=["a"]), Doc(vocab, words=["a"])
        x.cats, y.cats = pred, gold
        out.append(Example(x, y))
    return out


def test_prf_score():
    prf = PRFScore()
    prf.score_set({1, 2, 3}, {2, 3, 4, 5})
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 2)
    assert prf.precision == pytest.approx(2 / 3) and prf.recall == pytest.approx(0.5)
    assert prf.fscore == pytest.approx(2 * (2 / 3 * 0.5) / (2 / 3 + 0.5))
    assert (prf + PRFScore(tp=1)).tp == 3 and len(prf) == 5
    assert PRFScore().fscore == 0.0


def test_token_scores_match_spacy(token_examples):
    # spaCy: token_acc 1.0, token_p 0.6667, token_r 0.8, token_f 0.7273, tag_acc 0.8571,
    # pos_acc 1.0, morph_acc 0.8182
    scores = Scorer.score_tokenization(token_examples)
    assert scores["token_acc"] == pytest.approx(1.0)
    assert scores["token_p"] == pytest.approx(2 / 3)
    assert scores["token_r"] == pytest.approx(0.8)
    assert scores["token_f"] == pytest.approx(0.7272727272727272)
    assert Scorer.score_token_attr(token_examples, "tag")["tag_acc"] == pytest.approx(6 / 7)
    assert Scorer.score_token_attr(token_examples, "pos")["pos_acc"] == pytest.approx(1.0)
    morph = Scorer.score_token_attr(token_examples, "morph", getter=morph_key_getter)
    assert morph["morph_acc"] == pytest.approx(0.8181818181818182)


def test_token_attr_with_custom_getter_matches_fast_path(token_examples):
    slow = Scorer.score_token_attr(token_examples, "tag",
                                   getter=lambda token, attr: getattr(token, attr))
    assert slow["tag_acc"] == pytest.approx(6 / 7)


def test_morph_per_feat_matches_spacy(token_examples):
    scores = Scorer.score_token_attr_per_feat(token_examples, "morph", getter=morph_key_getter)
    assert scores["morph_micro_p"] == pytest.approx(0.8)
    assert scores["morph_micro_r"] == pytest.approx(2 / 3)
    assert scores["morph_micro_f"] == pytest.approx(0.7272727272727272)
    per_feat = scores["morph_per_feat"]
    assert set(per_feat) == {"Case", "Mood", "Number", "Tense", "VerbForm"}
    assert per_feat["Mood"] == pytest.approx({"p": 1.0, "r": 0.5, "f": 2 / 3})
    assert per_feat["VerbForm"] == pytest.approx({"p": 0.0, "r": 0.0, "f": 0.0})


def test_sentence_spans_match_spacy(token_examples):
    scores = Scorer.score_spans(token_examples, "sents",
                                has_annotation=lambda d: d.has_annotation("SENT_START"))
    assert scores["sents_p"] == pytest.approx(0.5)
    assert scores["sents_r"] == pytest.approx(1 / 3)
    assert scores["sents_f"] == pytest.approx(0.4)


def test_exclusive_cats_match_spacy(cat_examples):
    scores = Scorer.score_cats(cat_examples[:3], "cats", labels=["A", "B", "C"],
                               multi_label=False)
    assert scores["cats_score"] == pytest.approx(5 / 9)
    assert scores["cats_score_desc"] == "macro F"
    assert scores["cats_micro_f"] == pytest.approx(2 / 3)
    assert scores["cats_macro_p"] == pytest.approx(2 / 3)
    assert scores["cats_macro_r"] == pytest.approx(0.5)
    assert scores["cats_macro_auc"] == pytest.approx(2 / 3)
    assert scores["cats_auc_per_type"] == {"A": 1.0, "B": None, "C": 1.0}
    assert scores["cats_f_per_type"]["A"] == pytest.approx({"p": 1.0, "r": 0.5, "f": 2 / 3})


def test_binary_cats_with_positive_label_match_spacy(cat_examples):
    scores = Scorer.score_cats(cat_examples[:3], "cats", labels=["A", "B"], multi_label=False,
                               positive_label="A")
    assert scores["cats_score"] == pytest.approx(0.5)
    assert scores["cats_score_desc"] == "F (A)"
    assert scores["cats_macro_auc"] == pytest.approx(0.5)


def test_multilabel_cats_match_spacy(cat_examples):
    scores = Scorer.score_cats(cat_examples, "cats", labels=["A", "B", "C"], multi_label=True)
    assert scores["cats_score"] == pytest.approx(1.0)
    assert scores["cats_score_desc"] == "macro AUC"
    assert scores["cats_micro_f"] == pytest.approx(0.8333333333333334)
    assert scores["cats_macro_f"] == pytest.approx(0.7777777777777777)
    assert scores["cats_f_per_type"]["B"] == pytest.approx({"p": 0.5, "r": 1.0, "f": 2 / 3})


def test_roc_auc_with_ties():
    # spacy.scorer._roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assert roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.75)
    assert roc_auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]) == pytest.approx(0.5)


def test_deps_and_ner(vocab):
    gold = Doc(vocab, words=["Ann", "saw", "Bob"], heads=[1, 1, 1],
               deps=["nsubj", "ROOT", "dobj"], ents=["B-PER", "O", "B-PER"])
    pred = Doc(vocab, words=["Ann", "saw", "Bob"], heads=[1, 1, 1],
               deps=["nsubj", "ROOT", "nsubj"], ents=["B-PER", "O", "O"])
    eg = Example(pred, gold)
    deps = Scorer.score_deps([eg], "dep")
    assert deps["dep_uas"] == pytest.approx(1.0)
    assert deps["dep_las"] == pytest.approx(2 / 3)
    ner = get_ner_prf([eg])
    assert (ner["ents_p"], ner["ents_r"]) == pytest.approx((1.0, 0.5))
    assert ner["ents_per_type"]["PER"]["f"] == pytest.approx(2 / 3)


def test_empty_scores_are_none(vocab):
    eg = Example(Doc(vocab, words=["a"]), Doc(vocab, words=["a"]))
    assert Scorer.score_token_attr([eg], "tag") == {"tag_acc": None}
    assert Scorer.score_spans([], "ents")["ents_f"] is None


def test_scorer_without_nlp_uses_default_scores(token_examples):
    scores = Scorer().score(token_examples)
    for key in ("token_acc", "tag_acc", "pos_acc", "morph_acc", "morph_per_feat", "sents_f",
                "cats_score"):
        assert key in scores
    assert scores["tag_acc"] == pytest.approx(6 / 7)
    per_component = Scorer().score(token_examples, per_component=True)
    assert per_component["tagger"]["tag_acc"] == pytest.approx(6 / 7)


def test_trapezoid_integrates_like_scipy():
    from lexloom.scorer import trapezoid

    assert trapezoid([1, 2, 3]) == 4.0
    assert trapezoid([1, 2, 3], x=[4, 6, 8]) == 8.0
    assert trapezoid([1, 2, 3], dx=2) == 8.0
    assert trapezoid([1, 2, 3], x=[8, 6, 4]) == -8.0  # decreasing x: reversed
    grid = numpy.arange(6).reshape(2, 3)
    assert trapezoid(grid, axis=0).tolist() == [1.5, 2.5, 3.5]
    assert trapezoid(grid, axis=1).tolist() == [2.0, 8.0]
    x = numpy.linspace(0, 1, num=50)
    assert abs(trapezoid(x ** 2, x) - 1 / 3) < 1e-3


def test_scorer_without_nlp_scores_with_a_blank_pipeline_of_the_default_components():
    """spaCy's Scorer(): a blank "xx" pipeline with default_pipeline's components, so any
    factory's scorer runs and an unknown name is E002."""
    assert Scorer().nlp.lang == "xx"
    assert Scorer().nlp.pipe_names == ["senter", "tagger", "morphologizer", "parser", "ner",
                                       "textcat"]
    nlp = lexloom.blank("en")
    pred = Doc(nlp.vocab, words=["cats", "ran"], lemmas=["cat", "ran"])
    gold = Doc(nlp.vocab, words=["cats", "ran"], lemmas=["cat", "run"])
    scores = Scorer(default_pipeline=["lemmatizer"]).score([Example(pred, gold)])
    assert scores["lemma_acc"] == 0.5
    with pytest.raises(ValueError, match="E002"):
        Scorer(default_pipeline=["no_such_component"])


def test_score_cats_counts_distinct_labels_and_score_links_reads_a_string_as_spacy():
    nlp = lexloom.blank("en")
    pred, gold = nlp.make_doc("a"), nlp.make_doc("a")
    pred.cats, gold.cats = {"POS": 0.9, "NEG": 0.1}, {"POS": 1.0, "NEG": 0.0}
    scores = Scorer.score_cats([Example(pred, gold)], "cats", labels=["POS", "NEG", "POS"],
                               multi_label=False, positive_label="POS")
    assert scores["cats_score_desc"] == "F (POS)"   # two labels, not three
    pred, gold = nlp.make_doc("I like Paris"), nlp.make_doc("I like Paris")
    pred.ents = [Span(pred, 2, 3, label="LOC", kb_id="NIL")]
    gold.ents = [Span(gold, 2, 3, label="LOC", kb_id="NIL")]
    # "NIL" in "NIL": a true negative, ignored (a set of its letters would make it a match)
    links = Scorer.score_links([Example(pred, gold)], negative_labels="NIL")
    assert links["nel_f_per_type"] == {"LOC": {"p": 0.0, "r": 0.0, "f": 0.0}}
    links = Scorer.score_links([Example(pred, gold)], negative_labels=["NIL"])
    assert links["nel_f_per_type"] == {"LOC": {"p": 0.0, "r": 0.0, "f": 0.0}}


def test_span_scores_carry_spans_over_as_get_aligned_spans_x2y_does():
    """score_spans (allow_overlap, spancat's) computes each predicted span's place in the
    reference in one pass over arrays: the same (label, start, end) that
    Example.get_aligned_spans_x2y gives, over tokenizations that differ ("don't" whole or
    split), case that differs, empty and unalignable spans."""
    import random

    from lexloom.errors import ExampleError
    from lexloom.scorer import _aligned_bounds

    nlp = lexloom.blank("en")
    rng = random.Random(0)
    words = ["New", "York", "don't", "do", "n't", "a", "U.S.", "U.S", ".", "Hello", "hello",
             "!", "x-y", "x", "-", "y"]
    checked = 0
    for _ in range(1500):
        ws = [rng.choice(words) for _ in range(rng.randint(0, 12))]
        text = " ".join(ws)
        pred = nlp.make_doc(text) if rng.random() < 0.5 else Doc(nlp.vocab, words=ws)
        gold = nlp.make_doc(text.lower()) if rng.random() < 0.3 else Doc(nlp.vocab, words=ws)
        try:
            eg = Example(pred, gold)
            eg.alignment
        except ExampleError:  # texts that don't align ("U.S ." lower-cased or not, ...)
            continue
        spans = []
        for _ in range(rng.randint(0, 8) if len(pred) else 0):
            start = rng.randint(0, len(pred) - 1)
            end = rng.randint(start, min(len(pred), start + 4))
            spans.append(Span(pred, start, end, label=rng.choice(["A", "B"])))
        want = [(s.label_, s.start, s.end) for s in eg.get_aligned_spans_x2y(spans, True)]
        assert _aligned_bounds(eg, spans) == want, (pred.text, [t.text for t in gold])
        checked += 1
    assert checked > 1000
