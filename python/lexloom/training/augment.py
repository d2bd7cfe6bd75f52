"""Data augmentation: Corpus augmenters that yield changed copies of training Examples.

An augmenter is `augmenter(nlp, example) -> Iterator[Example]`; a Corpus with one trains on
what it yields in place of each example. The variants keep the reference annotation aligned:
lower-casing changes the text and words, never the token boundaries; orth variants swap
punctuation for equivalents of the same tag ("``" / '"'); whitespace variants insert a space
token and shift the heads after it. Each variant is built with Example.from_dict from the
reference's own dict (to_dict), so what can't be expressed there isn't kept.
"""
from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from ..registry import register
from .example import Example
from .iob_utils import _doc_to_biluo_tags_with_partial, split_bilu_label

if TYPE_CHECKING:
    from ..language import Language

Augmenter = Callable[["Language", Example], Iterator[Example]]
OrthVariants = dict[str, list[dict[str, Any]]]


@register("augmenters", "lexloom.combined_augmenter.v1", "spacy.combined_augmenter.v1")
def create_combined_augmenter(lower_level: float, orth_level: float,
                              orth_variants: OrthVariants | None, whitespace_level: float,
                              whitespace_per_token: float,
                              whitespace_variants: list[str] | None) -> Augmenter:
    """Lower-case `lower_level` of the texts, swap orth variants in `orth_level` of them and
    insert whitespace tokens (`whitespace_per_token` x length of them) in `whitespace_level`
    of them, each decision taken independently per example."""
    return partial(combined_augmenter, lower_level=lower_level, orth_level=orth_level,
                   orth_variants=orth_variants, whitespace_level=whitespace_level,
                   whitespace_per_token=whitespace_per_token,
                   whitespace_variants=whitespace_variants)


@register("augmenters", "lexloom.orth_variants.v1", "spacy.orth_variants.v1")
def create_orth_variants_augmenter(level: float, lower: float, orth_variants: OrthVariants
                                   ) -> Augmenter:
    """Swap orth variants in `level` of the texts, lower-casing `lower` of those.
    orth_variants: {"single": [{"tags": [...], "variants": [...]}], "paired": [...]}, as in
    spaCy's orth_variants JSON files."""
    return partial(orth_variants_augmenter, orth_variants=orth_variants, level=level,
                   lower=lower)


@register("augmenters", "lexloom.lower_case.v1", "spacy.lower_case.v1")
def create_lower_casing_augmenter(level: float) -> Augmenter:
    """Lower-case `level` (a fraction) of the texts."""
    return partial(lower_casing_augmenter, level=level)


def dont_augment(nlp: Language, example: Example) -> Iterator[Example]:
    """The identity augmenter: the example, unchanged."""
    yield example


def lower_casing_augmenter(nlp: Language, example: Example, *, level: float
                           ) -> Iterator[Example]:
    if random.random() >= level:
        yield example
    else:
        yield make_lowercase_variant(nlp, example)


def orth_variants_augmenter(nlp: Language, example: Example, orth_variants: OrthVariants, *,
                            level: float = 0.0, lower: float = 0.0) -> Iterator[Example]:
    if random.random() >= level:
        yield example
        return
    text = example.text
    example_dict = _annotations(example)
    variant_text, token_dict = make_orth_variants(
        nlp, text, example_dict["token_annotation"], orth_variants,
        lower=text is not None and random.random() < lower)
    example_dict["token_annotation"] = token_dict
    yield Example.from_dict(nlp.make_doc(variant_text), example_dict)


def combined_augmenter(nlp: Language, example: Example, *, lower_level: float = 0.0,
                       orth_level: float = 0.0, orth_variants: OrthVariants | None = None,
                       whitespace_level: float = 0.0, whitespace_per_token: float = 0.0,
                       whitespace_variants: list[str] | None = None) -> Iterator[Example]:
    if random.random() < lower_level:
        example = make_lowercase_variant(nlp, example)
    if orth_variants and random.random() < orth_level:
        example_dict = _annotations(example)
        variant_text, token_dict = make_orth_variants(
            nlp, example.text, example_dict["token_annotation"], orth_variants, lower=False)
        example_dict["token_annotation"] = token_dict
        example = Example.from_dict(nlp.make_doc(variant_text), example_dict)
    if whitespace_variants and random.random() < whitespace_level:
        for _ in range(int(len(example.reference) * whitespace_per_token)):
            example = make_whitespace_variant(nlp, example, random.choice(whitespace_variants),
                                              random.randrange(0, len(example.reference)))
    yield example


def make_lowercase_variant(nlp: Language, example: Example) -> Example:
    """The example with its text and reference words lower-cased, annotation unchanged."""
    example_dict = _annotations(example)
    example_dict["token_annotation"]["ORTH"] = [t.lower_ for t in example.reference]
    return Example.from_dict(nlp.make_doc(example.text.lower()), example_dict)


def make_orth_variants(nlp: Language, raw: str, token_dict: dict[str, list],
                       orth_variants: OrthVariants, *, lower: bool = False
                       ) -> tuple[str, dict[str, list]]:
    """(text, token annotation) with each word whose tag and form an orth-variant group
    lists replaced by that group's variant, one random choice per group and call. For a
    paired group (opening / closing forms), the side comes from the tag when the group has
    two tags, else from the side the word was on."""
    words = token_dict.get("ORTH", [])
    tags = token_dict.get("TAG", [])
    if not words:
        return raw, token_dict
    if lower:
        words = [w.lower() for w in words]
        raw = raw.lower()
    if not tags:
        token_dict["ORTH"] = words
        return raw, token_dict
    words = list(words)
    singles = orth_variants.get("single", [])
    chosen = [random.choice(group["variants"]) for group in singles]
    for i, tag in enumerate(tags):
        for group, variant in zip(singles, chosen):
            if tag in group["tags"] and words[i] in group["variants"]:
                words[i] = variant
    pairs = orth_variants.get("paired", [])
    chosen = [random.choice(group["variants"]) for group in pairs]
    for i, tag in enumerate(tags):
        for group, variant in zip(pairs, chosen):
            if tag not in group["tags"] or \
                    words[i] not in itertools.chain.from_iterable(group["variants"]):
                continue
            side = random.choice([0, 1])   # drawn always: same random stream as spaCy
            if len(group["tags"]) == 2:
                side = group["tags"].index(tag)
            else:
                for pair in group["variants"]:
                    if words[i] in pair:
                        side = pair.index(words[i])
            words[i] = variant[side]
    token_dict["ORTH"] = words
    return construct_modified_raw_text(token_dict), token_dict


def make_whitespace_variant(nlp: Language, example: Example, whitespace: str, position: int
                            ) -> Example:
    """The example with a whitespace token `whitespace` inserted before token `position`.

    Annotated as spaCy v2 attached spaces: TAG "_SP", POS "SPACE", lemma = the text, MORPH
    "", DEP "dep" headed by the previous token (the next one at position 0), not a sentence
    start; inside an entity it continues the entity. Layers the reference lacks stay unset.
    Examples with links, spans or a partial parse, and empty ones, come back unchanged.
    """
    reference = example.reference
    example_dict = _annotations(example)
    doc_dict = example_dict["doc_annotation"]
    token_dict = example_dict["token_annotation"]
    if (len(reference) == 0 or "ORTH" not in token_dict or doc_dict.get("links")
            or len(reference.spans) > 0
            or (reference.has_annotation("DEP")
                and not reference.has_annotation("DEP", require_complete=True))):
        return example
    n_words = len(token_dict["ORTH"])
    if not 0 <= position <= n_words:
        raise IndexError(f"[lexloom] make_whitespace_variant: position {position} is outside "
                         f"0..{n_words}.")
    if reference.has_annotation("ENT_TYPE"):
        doc_dict["entities"].insert(position, _entity_inside(doc_dict["entities"], position))
    else:
        del doc_dict["entities"]
    token_dict["ORTH"].insert(position, whitespace)
    token_dict["SPACY"].insert(position, False)
    for attr, value in (("TAG", "_SP"), ("LEMMA", whitespace), ("POS", "SPACE"),
                        ("MORPH", ""), ("SENT_START", False)):
        if reference.has_annotation(attr):
            token_dict[attr].insert(position, value)
        else:
            del token_dict[attr]
    if reference.has_annotation("DEP", require_complete=True):
        heads = [h + 1 if h >= position else h for h in token_dict["HEAD"]]
        heads.insert(position, 1 if position == 0 else position - 1)
        token_dict["HEAD"] = heads
        token_dict["DEP"].insert(position, "dep")
    else:
        del token_dict["HEAD"]
        del token_dict["DEP"]
    text = construct_modified_raw_text(token_dict)
    return Example.from_dict(nlp.make_doc(text), example_dict)


def _entity_inside(tags: list[str], position: int) -> str:
    """I-X when `position` falls between two tokens of one entity X, else O."""
    if not 1 < position < len(tags):
        return "O"
    before, after = tags[position - 1], tags[position]
    if "-" not in before or "-" not in after:
        return "O"
    (iob_before, label_before), (iob_after, label_after) = \
        split_bilu_label(before), split_bilu_label(after)
    if iob_before in ("B", "I") and iob_after in ("I", "L") and label_before == label_after:
        return f"I-{label_before}"
    return "O"


def construct_modified_raw_text(token_dict: dict[str, list]) -> str:
    """The text the words and their trailing-space flags (ORTH, SPACY) spell."""
    return "".join(word + (" " if space else "")
                   for word, space in zip(token_dict["ORTH"], token_dict["SPACY"]))


__all__ = ["combined_augmenter", "construct_modified_raw_text", "create_combined_augmenter",
           "create_lower_casing_augmenter", "create_orth_variants_augmenter", "dont_augment",
           "lower_casing_augmenter", "make_lowercase_variant", "make_orth_variants",
           "make_whitespace_variant", "orth_variants_augmenter"]


def _annotations(example: Example) -> dict:
    """example.to_dict() with entity annotation kept partial ("-" where it is missing), as
    spaCy's augmenters write it: to_dict alone would turn missing into "O"."""
    example_dict = example.to_dict()
    example_dict["doc_annotation"]["entities"] = _doc_to_biluo_tags_with_partial(example.y)
    return example_dict
