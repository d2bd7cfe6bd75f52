"""Subclasses of the rule-based components override the hooks spaCy's __call__ runs
(predict / set_annotations, match / set_annotations) or __call__ itself, as plugins do
(medspacy's PyRuSH sentencizer): lexloom's native fast paths stand aside for them, in
nlp() and nlp.pipe() alike."""
import lexloom
from lexloom.language import Language
from lexloom.pipeline import AttributeRuler, Sentencizer


class EveryTokenStarts(Sentencizer):
    def predict(self, docs):
        return [[True] * len(doc) for doc in docs]


class OwnCallNoSuperInit(Sentencizer):
    """Like PyRuSHSentencizer: its own __init__ (no super().__init__) and __call__."""

    def __init__(self, nlp, name="own_call_sentencizer"):
        self.name = name

    def __call__(self, doc):
        for token in doc:
            token.is_sent_start = token.i % 2 == 0
        return doc


@Language.factory("test_own_call_sentencizer")
def make_own_call_sentencizer(nlp, name):
    return OwnCallNoSuperInit(nlp, name)


class NoMatches(AttributeRuler):
    def match(self, doc):
        return []


def test_a_sentencizer_subclass_predict_is_used_by_call_and_pipe():
    nlp = lexloom.blank("en")
    sentencizer = EveryTokenStarts()
    assert [s.text for s in sentencizer(nlp.make_doc("a b c d")).sents] == ["a", "b", "c", "d"]
    doc = next(sentencizer.pipe([nlp.make_doc("a b c ! d")]))
    assert [s.text for s in doc.sents] == ["a", "b", "c", "!", "d"]


def test_a_sentencizer_subclass_with_its_own_call_runs_in_nlp_pipe():
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_own_call_sentencizer")
    assert [s.text for s in nlp("a b c d").sents] == ["a b", "c d"]
    assert [[s.text for s in doc.sents] for doc in nlp.pipe(["a b c d", "e f g"])] == [
        ["a b", "c d"], ["e f", "g"]]


def test_the_shipped_sentencizer_still_splits_after_punctuation():
    nlp = lexloom.blank("en")
    nlp.add_pipe("sentencizer")
    assert [s.text for s in nlp("One. Two! Three").sents] == ["One.", "Two!", "Three"]


def test_an_attribute_ruler_subclass_match_decides_what_is_written():
    nlp = lexloom.blank("en")
    ruler = NoMatches(nlp.vocab, "no_matches")
    ruler.add([[{"LOWER": "dog"}]], {"TAG": "NN"})
    assert [t.tag_ for t in ruler(nlp.make_doc("a dog"))] == ["", ""]
    plain = AttributeRuler(nlp.vocab, "plain")
    plain.add([[{"LOWER": "dog"}]], {"TAG": "NN"})
    assert [t.tag_ for t in plain(nlp.make_doc("a dog"))] == ["", "NN"]
