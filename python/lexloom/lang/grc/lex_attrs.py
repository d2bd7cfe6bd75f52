"""Ancient Greek number likeness: the cardinal words with their case forms, and the
alphabetic (Milesian) numerals 1-100 written with letters ("α" 1, "ιβ" 12, "ϟθ" 99)."""
from __future__ import annotations

from ...attrs import LIKE_NUM  # noqa: F401 (spaCy's module offers the attribute id too)

# One to ten thousand: the indeclinable words, then the declined ones with their forms.
_CARDINALS = """
εἷς ἑνός ἑνί ἕνα μία μιᾶς μιᾷ μίαν ἕν δύο δυοῖν τρεῖς τριῶν τρισί τρία
τέτταρες τεττάρων τέτταρσι τέτταρα τέτταρας πέντε ἕξ ἑπτά ὀκτώ ἐννέα δέκα ἕνδεκα δώδεκα
πεντεκαίδεκα ἑκκαίδεκα ἑπτακαίδεκα ὀκτωκαίδεκα ἐννεακαίδεκα εἴκοσι τριάκοντα τετταράκοντα
πεντήκοντα ἑξήκοντα ἑβδομήκοντα ὀγδοήκοντα ἐνενήκοντα ἑκατόν
""".split()

# Hundreds (-κόσιοι) decline like plural adjectives; Ionic spells some with -ηκόσιοι.
_HUNDRED_STEMS = "δια τρια τετρα πεντα ἑξα ἑπτα ὀκτα ἐνα".split()
_HUNDRED_ENDINGS = ("κόσιοι κοσίων κοσιᾶν κοσίους κοσίοις κόσια κόσιαι κοσίαις κοσίαισι "
                    "κοσιέων κοσίας").split()
_IONIC_HUNDREDS = """
διηκόσιοι διηκοσίων διηκοσιέων διηκόσια διηκόσιαι διηκοσίας
τριηκόσια τριηκοσίας τριηκόσιοι τριηκοσίοισιν τριηκοσίους τριηκοσίων
""".split()
# Thousands (χίλιοι, δισχίλιοι, τρισχίλιοι) and ten thousands (μύριοι, δισμύριοι...).
_THOUSAND_ENDINGS = "ίλιοι ιλίων ιλιῶν ιλίους ιλίοις ίλιαι ιλίας ιλίαις ίλια ίλι".split()
_MYRIAD_ENDINGS = "ύριοι ύριοί υρίων υρίοις υρίους ύριαι υρίαις υρίας ύρια".split()


def _declined() -> list[str]:
    words = [stem + end for stem in _HUNDRED_STEMS for end in _HUNDRED_ENDINGS]
    words += [pre + "χ" + end for pre in ("", "δισ", "τρισ") for end in _THOUSAND_ENDINGS]
    words += [pre + "μ" + end for pre in ("", "δισ", "δεκακισ") for end in _MYRIAD_ENDINGS]
    return words + _IONIC_HUNDREDS


# Milesian numerals: units α-θ (with stigma ϛ for 6), tens ι-ϟ (koppa for 90), ρ = 100.
_UNITS = "α β γ δ ε ϛ ζ η θ".split()
_TENS = "ι κ λ μ ν ξ ο π ϟ".split()


def _alphabetic_numerals() -> list[str]:
    return _UNITS + [ten + unit for ten in _TENS for unit in [""] + _UNITS] + ["ρ"]


NUMBER_WORDS: frozenset[str] = frozenset(_CARDINALS + _declined() + _alphabetic_numerals())


def like_num(text: str) -> bool:
    """A number word or letter numeral, in any case ("Α", "ιβ", "δισχίλια"). Digits are not
    numbers here, as in spaCy's Ancient Greek."""
    return text.lower() in NUMBER_WORDS


LEX_ATTRS = {"LIKE_NUM": like_num}
