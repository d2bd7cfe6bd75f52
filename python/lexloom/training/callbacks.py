"""Callbacks for [initialize] before_init / after_init: copy a trained pipeline's tokenizer
or vocab into the pipeline being initialized."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..registry import register

if TYPE_CHECKING:
    from ..language import Language

logger = logging.getLogger("lexloom")


@register("callbacks", "lexloom.copy_from_base_model.v1", "spacy.copy_from_base_model.v1")
def create_copy_from_base_model(tokenizer: str | None = None, vocab: str | None = None
                                ) -> Callable[[Language], Language]:
    """A callback that copies the tokenizer settings of the pipeline `tokenizer` and the
    vocab (strings, lexemes, vectors) of the pipeline `vocab` into nlp."""
    def copy_from_base_model(nlp: Language) -> None:
        from .. import load

        base_nlp = None
        if tokenizer:
            logger.info("Copying tokenizer from: %s", tokenizer)
            base_nlp = load(tokenizer)
            ours, theirs = nlp.config["nlp"]["tokenizer"], base_nlp.config["nlp"]["tokenizer"]
            if ours != theirs:
                raise ConfigError(
                    f"copy_from_base_model: the tokenizer of '{tokenizer}' ({theirs}) is not "
                    f"the one this pipeline's [nlp.tokenizer] builds ({ours}); set "
                    "[nlp.tokenizer] to the base pipeline's to copy its settings.")
            nlp.tokenizer.from_bytes(base_nlp.tokenizer.to_bytes(exclude=["vocab"]))
        if vocab:
            logger.info("Copying vocab from: %s", vocab)
            if base_nlp is None or tokenizer != vocab:
                base_nlp = load(vocab)
            nlp.vocab.from_bytes(base_nlp.vocab.to_bytes())

    return copy_from_base_model


__all__ = ["create_copy_from_base_model"]
