"""Russian lemmatizer over pymorphy3 (optional package), as spaCy's: mode "pymorphy3" picks,
among pymorphy3's dictionary analyses of the word, those whose part of speech agrees with the
token's POS and whose case, number, gender... agree with its morphology, and returns their
normal forms; "pymorphy3_lookup" takes the normal form when every analysis agrees on one.
The "pymorphy2" modes are the same over pymorphy2. Punctuation keeps its text (« » become ").
"""
from __future__ import annotations

from typing import Callable, Optional

from ...errors import MissingLanguageDependencyError
from ...pipeline.lemmatizer import Lemmatizer, language_factory, lemmatizer_score

PUNCT_NORMS = {"«": '"', "»": '"'}

# OpenCorpora part-of-speech grammemes -> UD POS
_OC_POS = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB",
    "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM", "NUMB": "NUM",
    "ADVB": "ADV", "NPRO": "PRON", "Apro": "DET", "PREP": "ADP", "CONJ": "CCONJ",
    "PRCL": "PART", "INTJ": "INTJ", "PNCT": "PUNCT",
}
# grammemes that make a word a proper noun or an auxiliary whatever its class
_OC_PROPER = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn"))
# OpenCorpora grammemes -> (UD feature, value)
_OC_FEATURES = {
    "nomn": ("Case", "Nom"), "gent": ("Case", "Gen"), "gen1": ("Case", "Gen"),
    "gen2": ("Case", "Gen"), "datv": ("Case", "Dat"), "accs": ("Case", "Acc"),
    "ablt": ("Case", "Ins"), "loct": ("Case", "Loc"), "loc2": ("Case", "Loc"),
    "voct": ("Case", "Voc"),
    "sing": ("Number", "Sing"), "plur": ("Number", "Plur"),
    "masc": ("Gender", "Masc"), "femn": ("Gender", "Fem"), "neut": ("Gender", "Neut"),
    "anim": ("Animacy", "Anim"), "inan": ("Animacy", "Inan"),
    "perf": ("Aspect", "Perf"), "impf": ("Aspect", "Imp"),
    "indc": ("Mood", "Ind"), "impr": ("Mood", "Imp"),
    "past": ("Tense", "Past"), "pres": ("Tense", "Pres"), "futr": ("Tense", "Fut"),
    "1per": ("Person", "1"), "2per": ("Person", "2"), "3per": ("Person", "3"),
    "incl": ("Person", "1"), "excl": ("Person", "2"),
    "actv": ("Voice", "Act"), "pssv": ("Voice", "Pass"),
    "INFN": ("VerbForm", "Inf"), "VERB": ("VerbForm", "Fin"), "PRTF": ("VerbForm", "Part"),
    "PRTS": ("VerbForm", "Part"), "GRND": ("VerbForm", "Conv"),
    "ADJS": ("Variant", "Brev"), "COMP": ("Degree", "Cmp"), "Supr": ("Degree", "Sup"),
    "NUMB": ("NumForm", "Digit"), "Abbr": ("Abbr", "Yes"),
}
# PRTS is both a form and a Variant: short participles are Brev too
_OC_EXTRA = {"PRTS": ("Variant", "Brev")}

# POS whose lemmas come from the full analysis; the rest from the lookup mode
_ANALYSED_POS = ("ADJ", "DET", "NOUN", "NUM", "PRON", "PROPN", "VERB")
# the token features an analysis must not contradict, per POS
_COMPARED = {
    "ADJ": ("Case", "Number", "Gender"), "DET": ("Case", "Number", "Gender"),
    "NOUN": ("Case", "Number", "Gender"), "PROPN": ("Case", "Number", "Gender"),
    "NUM": ("Case", "Gender"), "PRON": ("Case", "Number", "Gender", "Person"),
    "VERB": ("Aspect", "Gender", "Mood", "Number", "Tense", "VerbForm", "Voice"),
}


def oc2ud(oc_tag: str) -> tuple[str, dict[str, str]]:
    """An OpenCorpora tag ("NOUN,inan,femn sing,gent") as (UD POS, UD features)."""
    pos = "X"
    features: dict[str, str] = {}
    grammemes = oc_tag.replace(" ", ",").split(",")
    for gram in grammemes:
        if gram in _OC_POS:
            pos = _OC_POS[gram]
        for table in (_OC_FEATURES, _OC_EXTRA):
            if gram in table:
                name, value = table[gram]
                features[name] = value
    if "Pltm" in grammemes:  # plurale tantum outranks the form's own number
        features["Number"] = "Ptan"
    if any(gram in _OC_PROPER for gram in grammemes):
        pos = "PROPN"
    elif "Auxt" in grammemes:
        pos = "AUX"
    return pos, features


def _analyser(lang: str, package: str, dictionaries: str):
    """pymorphy's MorphAnalyzer for `lang`, or an error saying what to install."""
    import importlib

    try:
        return importlib.import_module(package).MorphAnalyzer(lang=lang)
    except ImportError:
        raise MissingLanguageDependencyError(
            f"The lemmatizer mode '{package}' needs the {package} package and its dictionaries: "
            f"pip install {dictionaries}") from None


class RussianLemmatizer(Lemmatizer):
    """spaCy's RussianLemmatizer: modes pymorphy3 (default), pymorphy3_lookup, pymorphy2,
    pymorphy2_lookup, and the base class's lookup and rule."""

    analyser_lang = "ru"
    install = {"pymorphy3": "pymorphy3", "pymorphy2": "pymorphy2"}

    def __init__(self, vocab, model=None, name: str = "lemmatizer", *,
                 mode: str = "pymorphy3", overwrite: bool = False,
                 scorer: Optional[Callable] = lemmatizer_score) -> None:
        if getattr(self, "_morph", None) is None:
            self._morph = self._load_analyser(mode)
        super().__init__(vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)

    def _load_analyser(self, mode: str):
        """pymorphy's analyser for the pymorphy modes; None for lookup and rule."""
        package = mode.removesuffix("_lookup")
        if package not in self.install:
            return None
        return _analyser(self.analyser_lang, package, self.install[package])

    def __getstate__(self) -> dict:
        """Pickled without the analyser (a large dictionary), which is rebuilt on load."""
        state = super().__getstate__()
        state.pop("_morph", None)
        return state

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        self._morph = self._load_analyser(self.mode)

    def _analysis_lemmatize(self, token) -> list[str]:
        text = token.text
        pos = token.pos_
        if pos == "PUNCT":
            return [PUNCT_NORMS.get(text, text)]
        if pos not in _ANALYSED_POS:
            return self._lookup_lemmatize(token)
        candidates = []
        for analysis in self._morph.parse(text):
            if not analysis.is_known:  # a guess for an unknown word is no evidence
                continue
            analysis_pos, _ = oc2ud(str(analysis.tag))
            if (analysis_pos == pos
                    or (analysis_pos in ("NOUN", "PROPN") and pos in ("NOUN", "PROPN"))
                    or (analysis_pos == "PRON" and pos == "DET")):
                candidates.append(analysis)
        if not candidates:
            return [text.lower()]
        features = self._morph_dict(token)
        if features:
            compared = _COMPARED[pos]
            agreeing = []
            for analysis in candidates:
                _, analysis_features = oc2ud(str(analysis.tag))
                if all(f not in features or f not in analysis_features
                       or features[f].lower() == analysis_features[f].lower()
                       for f in compared):
                    agreeing.append(analysis)
            if not agreeing:
                return [text.lower()]
            candidates = agreeing
        return list(dict.fromkeys(analysis.normal_form for analysis in candidates))

    def _lookup_lemmatize(self, token) -> list[str]:
        """The normal form every analysis of the word agrees on, else the word."""
        forms = {analysis.normal_form for analysis in self._morph.parse(token.text)}
        return [forms.pop()] if len(forms) == 1 else [token.text]

    def pymorphy3_lemmatize(self, token) -> list[str]:
        return self._analysis_lemmatize(token)

    def pymorphy3_lookup_lemmatize(self, token) -> list[str]:
        return self._lookup_lemmatize(token)

    def pymorphy2_lemmatize(self, token) -> list[str]:
        return self._analysis_lemmatize(token)

    def pymorphy2_lookup_lemmatize(self, token) -> list[str]:
        return self._lookup_lemmatize(token)


LEMMATIZER = RussianLemmatizer


make_lemmatizer = language_factory(RussianLemmatizer)
