"""Language.pipe runs every component once per Doc, in order, including components that are
plain functions (no .pipe method) placed before or between batching components."""
from lexloom.language import Language

import lexloom


@Language.component("test_stage_mark_a")
def _mark_a(doc):
    doc.user_data.setdefault("calls", []).append("a")
    return doc


@Language.component("test_stage_mark_b")
def _mark_b(doc):
    doc.user_data.setdefault("calls", []).append("b")
    return doc


def test_pipe_calls_each_function_component_once_in_order():
    nlp = lexloom.blank("en")
    nlp.add_pipe("test_stage_mark_a")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_stage_mark_b")
    for memory_zones in (True, False):
        docs = list(nlp.pipe(["one two.", "three"], memory_zones=memory_zones))
        assert [d.user_data["calls"] for d in docs] == [["a", "b"], ["a", "b"]]
        assert [t.is_sent_start for t in docs[0]] == [True, False, False]


def test_pipe_function_component_before_a_batching_component_gets_no_batch_size():
    nlp = lexloom.blank("en")
    nlp.add_pipe("token_splitter", config={"min_length": 6, "split_length": 3})
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "abc"}]], {"POS": "NOUN"})
    docs = list(nlp.pipe(["abcdefgh x"]))
    assert [(t.text, t.pos_) for t in docs[0]] == [("abc", "NOUN"), ("def", ""), ("gh", ""),
                                                   ("x", "")]
