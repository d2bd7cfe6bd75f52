"""training.augment: augmenters change the text and keep the reference annotation aligned."""
import random

from lexloom.training.augment import (
    combined_augmenter,
    construct_modified_raw_text,
    create_lower_casing_augmenter,
    dont_augment,
    make_lowercase_variant,
    make_orth_variants,
    make_whitespace_variant,
    orth_variants_augmenter,
)
from lexloom.util import registry

import lexloom
from lexloom.training import Example

WORDS = ["Hello", "``", "London", "''", "said", "Anne", "Smith", "."]
SPACES = [True, False, False, True, True, True, False, False]
TAGS = ["UH", "``", "NNP", "''", "VBD", "NNP", "NNP", "."]
HEADS = [4, 2, 4, 2, 4, 4, 5, 4]
DEPS = ["intj", "punct", "nsubj", "punct", "ROOT", "npadvmod", "flat", "punct"]
ORTH_VARIANTS = {
    "single": [{"tags": ["."], "variants": [".", "!"]}],
    "paired": [{"tags": ["``", "''"], "variants": [["``", "''"], ['"', '"']]}],
}


def _example(nlp):
    text = construct_modified_raw_text({"ORTH": WORDS, "SPACY": SPACES})
    return Example.from_dict(nlp.make_doc(text), {
        "words": WORDS, "spaces": SPACES, "tags": TAGS, "heads": HEADS, "deps": DEPS,
        "entities": [(8, 14, "GPE"), (22, 32, "PERSON")]})


def test_construct_modified_raw_text_joins_words_and_spaces():
    assert construct_modified_raw_text({"ORTH": WORDS, "SPACY": SPACES}) == \
        "Hello ``London'' said Anne Smith."


def test_lowercase_variant_lowercases_text_and_keeps_annotation():
    nlp = lexloom.blank("en")
    eg = _example(nlp)
    variant = make_lowercase_variant(nlp, eg)
    assert variant.text == "hello ``london'' said anne smith."
    ref = variant.reference
    assert [t.text for t in ref] == [w.lower() for w in WORDS]
    assert [t.tag_ for t in ref] == TAGS
    assert [t.head.i for t in ref] == HEADS
    assert [(e.text, e.label_) for e in ref.ents] == [("london", "GPE"),
                                                      ("anne smith", "PERSON")]
    assert [len(x) for x in variant.alignment.x2y.to_lists()] == [1] * len(variant.predicted)


def test_lower_case_augmenter_is_registered_and_respects_level():
    nlp = lexloom.blank("en")
    eg = _example(nlp)
    always = registry.augmenters.get("spacy.lower_case.v1")(level=1.0)
    never = create_lower_casing_augmenter(level=0.0)
    assert [e.text for e in always(nlp, eg)] == [eg.text.lower()]
    assert [e.text for e in never(nlp, eg)] == [eg.text]
    assert "spacy.orth_variants.v1" in registry.augmenters
    assert "spacy.combined_augmenter.v1" in registry.augmenters


def test_dont_augment_yields_the_example():
    nlp = lexloom.blank("en")
    eg = _example(nlp)
    assert list(dont_augment(nlp, eg)) == [eg]


def test_orth_variants_swap_tagged_punctuation_only():
    nlp = lexloom.blank("en")
    random.seed(0)
    seen = set()
    for _ in range(20):
        variant = next(orth_variants_augmenter(nlp, _example(nlp), ORTH_VARIANTS, level=1.0))
        words = [t.text for t in variant.reference]
        assert words[0] == "Hello" and words[2] == "London"
        assert (words[1], words[3]) in {("``", "''"), ('"', '"')}
        assert words[-1] in {".", "!"}
        assert [t.tag_ for t in variant.reference] == TAGS
        assert [(e.text, e.label_) for e in variant.reference.ents] == [
            ("London", "GPE"), ("Anne Smith", "PERSON")]
        seen.add(variant.text)
    assert len(seen) > 1


def test_make_orth_variants_without_tags_only_lowercases():
    nlp = lexloom.blank("en")
    raw, tokens = make_orth_variants(nlp, "A B", {"ORTH": ["A", "B"], "SPACY": [True, False]},
                                     ORTH_VARIANTS, lower=True)
    assert raw == "a b" and tokens["ORTH"] == ["a", "b"]


def test_whitespace_variant_inserts_space_token_and_shifts_heads():
    nlp = lexloom.blank("en")
    variant = make_whitespace_variant(nlp, _example(nlp), "\n", 6)
    ref = variant.reference
    assert variant.text == "Hello ``London'' said Anne \nSmith."
    assert [t.text for t in ref][5:8] == ["Anne", "\n", "Smith"]
    assert (ref[6].tag_, ref[6].dep_, ref[6].head.i) == ("_SP", "dep", 5)
    assert ref[7].head.i == 5 and ref[8].head.i == 4      # Smith -> Anne, "." -> said
    assert ref[6].ent_iob_ == "I" and ref[6].ent_type_ == "PERSON"   # inside "Anne Smith"
    first = make_whitespace_variant(nlp, _example(nlp), " ", 0).reference
    assert first[0].text == " " and first[0].head.i == 1


def test_combined_augmenter_keeps_entities():
    nlp = lexloom.blank("en")
    random.seed(3)
    eg = next(combined_augmenter(nlp, _example(nlp), lower_level=1.0, orth_level=1.0,
                                 orth_variants=ORTH_VARIANTS, whitespace_level=1.0,
                                 whitespace_per_token=0.3, whitespace_variants=[" ", "\n"]))
    assert eg.text == eg.text.lower()
    assert len(eg.reference) == len(WORDS) + 2
    assert [e.label_ for e in eg.reference.ents] == ["GPE", "PERSON"]
