"""Spanish rule lemmatizer: the morphology picks a rule group ("lemma_rules_groups": POS ->
[[group name, [features]], ...], the first group whose features the token has), the group's
regex rules give candidate lemmas, and the POS's index of known lemmas chooses among them.
Verbs try vowel alternations (puedo -> poder) and accent removal; verbs with attached
pronouns (dámelo) are lemmatized piece by piece ("dar yo él"); numerals are normalised to a
"." decimal point. Closed classes keep their text (lowercased at a sentence start)."""
from __future__ import annotations

import re
from typing import Callable

import numpy

from ...attrs import LEMMA, POS, POS_IDS, SENT_START
from ...pipeline.lemmatizer import Lemmatizer, language_factory

_KEEP_TEXT = frozenset("adp cconj intj part propn punct sconj sym x".split())
_LOWER_AT_START_IDS = numpy.array([POS_IDS[p.upper()] for p in _KEEP_TEXT if p != "propn"],
                                  dtype=numpy.uint64)
_ATTACHED_PRONOUN = re.compile(r"^(.*?)([mts]e|l[aeo]s?|n?os)$")
_THOUSANDS = re.compile(r"(\.)([0-9]{3})$")


class SpanishLemmatizer(Lemmatizer):
    """spaCy's SpanishLemmatizer (rule mode; lookup mode as the base class)."""

    @classmethod
    def get_lookups_config(cls, mode: str) -> tuple[list[str], list[str]]:
        if mode == "rule":
            return (["lemma_rules", "lemma_rules_groups", "lemma_index", "lemma_exc"], [])
        return super().get_lookups_config(mode)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.mode == "rule":
            # the native cache keys on (text, POS, morph); the sentence-start case of the
            # closed classes is applied after it, in __call__
            self.lemmatize = self._lemmatize_mid_sentence

    def __call__(self, doc):
        if self.mode != "rule":
            return super().__call__(doc)
        before = doc.to_array([LEMMA, POS, SENT_START])
        doc = super().__call__(doc)
        # closed-class words that open a sentence are lowercased (spaCy's rule); only those
        # the call lemmatized, found with one vectorised pass
        fresh = numpy.ones(len(before), dtype=bool) if self.overwrite else before[:, 0] == 0
        starts = numpy.flatnonzero(fresh & numpy.isin(before[:, 1], _LOWER_AT_START_IDS)
                                   & (before[:, 2].astype(numpy.int64) == 1))
        for i in starts.tolist():
            doc[i].lemma_ = doc[i].text.lower()
        return doc

    def _lemmatize_mid_sentence(self, token) -> list[str]:
        """rule_lemmatize for a token that does not open a sentence (what the cache holds)."""
        if token.pos_.lower() in _KEEP_TEXT:
            return [token.text]
        return self.rule_lemmatize(token)

    def rule_lemmatize(self, token) -> list[str]:
        pos = token.pos_.lower()
        string = token.text
        if pos in ("", "eol", "space"):
            return [string.lower()]
        if pos in _KEEP_TEXT:
            return [string.lower()] if token.is_sent_start and pos != "propn" else [string]
        cache_key = (token.orth, token.pos, str(token.morph))
        if cache_key in self.cache:
            return self.cache[cache_key]
        features = set(token.morph)
        string = string.lower()
        exc = self._rules("lemma_exc").get(pos, {}).get(string)
        if exc is not None:
            lemmas = list(exc)
        else:
            rule_pos = "verb" if pos == "aux" else pos
            rule = self.select_rule(rule_pos, features)
            index = self._index_set(rule_pos, self._rules("lemma_index").get(rule_pos, []))
            method: Callable | None = getattr(self, "lemmatize_" + rule_pos, None)
            if method is None:
                # spaCy raises AttributeError for a POS without a method (e.g. "x" is kept
                # above); other POS values do not occur in UD
                raise AttributeError(f"SpanishLemmatizer has no rules for POS {pos!r}.")
            lemmas = list(dict.fromkeys(method(string, features, rule, index)))
        self.cache[cache_key] = lemmas
        return lemmas

    def _rules(self, table: str) -> dict:
        return self.lookups.get_table(table)

    def select_rule(self, pos: str, features) -> str | None:
        """The first rule group of the POS whose features the token all has."""
        for name, required in self._rules("lemma_rules_groups").get(pos, []):
            if set(required).issubset(features):
                return name
        return None

    def _rule_forms(self, word: str, rule: str | None) -> list[str]:
        """Outputs of the group's suffix rules that change the word."""
        out: list[str] = []
        if rule is None:  # no group matched: no rules
            return out
        for old, new in self._rules("lemma_rules").get(rule, []):
            form = re.sub(old + "$", new, word)
            if form != word:
                out.append(form)
        return out

    def _accent_variants(self, forms: list[str]) -> list[str]:
        """Each form with each accent rule applied once (one variant per rule)."""
        accents = self._rules("lemma_rules").get("accents", [])
        return [re.sub(old, new, form) for form in forms for old, new in accents]

    def _nominal(self, word: str, features, rule, index) -> list[str]:
        """Nouns and adjectives: rule outputs, plus accent variants of plurals that end in
        n or s (jóvenes -> joven); forms in the index win."""
        forms = self._rule_forms(word, rule)
        if "Number=Plur" in features:
            forms += self._accent_variants([f for f in forms if f.endswith(("n", "s"))])
        known = [f for f in forms if f in index]
        return known or forms or [word]

    lemmatize_adj = _nominal
    lemmatize_noun = _nominal

    def lemmatize_adv(self, word: str, features, rule, index) -> list[str]:
        fixed = _fixed(self._rules("lemma_rules").get("adverbs", []), word)
        return [word if fixed is None else fixed]

    def lemmatize_num(self, word: str, features, rule, index) -> list[str]:
        fixed = _fixed(self._rules("lemma_rules").get("num", []), word)
        if fixed is not None:
            return [fixed]
        if _THOUSANDS.search(word.split(",")[0]):
            word = word.replace(".", "")
        return [word.replace(",", ".")]

    def _det_or_pron(self, own_table: str, word: str, index, keep_unchanged: bool) -> list[str]:
        rules = self._rules("lemma_rules")
        for table in (own_table, "det_and_pron_fixed"):
            fixed = _fixed(rules.get(table, []), word)
            if fixed is not None:
                return [fixed]
        forms = []
        for old, new in rules.get("det_and_pron_general", []):
            form = re.sub(old + "$", new, word)
            if keep_unchanged or form != word:
                forms.append(form)
        forms.append(word)
        if len(forms) == 1:
            return forms
        return [f for f in forms if f in index] or forms

    def lemmatize_det(self, word: str, features, rule, index) -> list[str]:
        return self._det_or_pron("det", word, index, keep_unchanged=True)

    def lemmatize_pron(self, word: str, features, rule, index) -> list[str]:
        return self._det_or_pron("pron", word, index, keep_unchanged=False)

    def lemmatize_verb(self, word: str, features, rule, index) -> list[str]:
        """Rule outputs in the index; else their vowel alternations in the index (puedo ->
        podo -> poder); all outputs and their accent variants when none is known."""
        if "PronType=Prs" in features:
            return self.lemmatize_verb_pron(word, features, rule, index)
        rules = self._rules("lemma_rules")
        forms = self._rule_forms(word, str(rule or ""))
        known = [f for f in forms if f in index]
        if not known:
            for form in forms:
                for old, new in rules.get("voc_alt_1", []):
                    if old in form:
                        for i, char in enumerate(form):
                            if char == old:
                                alt = form[:i] + new + form[i + 1:]
                                if alt in index:
                                    known.append(alt)
                for old, new in rules.get("voc_alt_2", []):
                    if old in form:
                        alt = form.replace(old, new, 1)
                        if alt in index:
                            known.append(alt)
        forms += self._accent_variants(forms)
        return known or forms or [word]

    def lemmatize_verb_pron(self, word: str, features, rule, index) -> list[str]:
        """A verb with clitic pronouns: "verb-lemma pron-lemma ..." (dámelo -> "dar yo él")."""
        prons: list[str] = []
        verb = word
        m = _ATTACHED_PRONOUN.search(verb)
        while m is not None and len(prons) <= 3:
            verb = re.sub(m.group(2) + "$", "", verb)
            prons.insert(0, m.group(2))
            m = _ATTACHED_PRONOUN.search(verb)
        for old, new in self._rules("lemma_rules").get("accents", []):
            verb = re.sub(old, new, verb)
        exc = self._rules("lemma_exc").get("verb", {}).get(verb)
        if exc is not None:
            verb_lemma = exc[0]
        else:
            verb_rule = self.select_rule("verb", features)
            verb_lemma = self.lemmatize_verb(verb, set(features) - {"PronType=Prs"}, verb_rule,
                                             index)[0]
        pron_lemmas = []
        for pron in prons:
            exc = self._rules("lemma_exc").get("pron", {}).get(pron)
            if exc is not None:
                pron_lemmas.append(exc[0])
            else:
                pron_rule = self.select_rule("pron", features)
                pron_lemmas.append(self.lemmatize_pron(pron, features, pron_rule, index)[0])
        return [verb_lemma + " " + " ".join(pron_lemmas)]


def _fixed(pairs, word: str) -> str | None:
    """The replacement of the first (old, new) pair whose old is the whole word."""
    for old, new in pairs:
        if word == old:
            return new
    return None


LEMMATIZER = SpanishLemmatizer


make_lemmatizer = language_factory(SpanishLemmatizer)
