"""English lemmatizer: the rule lemmatizer, skipping tokens whose morphology says they are
already base forms (singular nouns, infinitives, positive adjectives...)."""
from __future__ import annotations

from ...pipeline.lemmatizer import Lemmatizer, language_factory


class EnglishLemmatizer(Lemmatizer):
    """English lemmatizer. Only overrides is_base_form."""

    def is_base_form(self, token) -> bool:
        """Whether POS and morph mark an uninflected form, so no rule should apply."""
        univ_pos = token.pos_.lower()
        morph = self._morph_dict(token)
        verb_form = morph.get("VerbForm")
        if univ_pos == "noun" and morph.get("Number") == "Sing":
            return True
        if univ_pos == "verb" and verb_form == "Inf":
            return True
        # VBP: a present finite verb without Number is the base form.
        if univ_pos == "verb" and (verb_form == "Fin" and morph.get("Tense") == "Pres"
                                   and morph.get("Number") is None):
            return True
        if univ_pos == "adj" and morph.get("Degree") == "Pos":
            return True
        return verb_form in ("Inf", "None") or morph.get("Degree") == "Pos"


LEMMATIZER = EnglishLemmatizer


make_lemmatizer = language_factory(EnglishLemmatizer)
