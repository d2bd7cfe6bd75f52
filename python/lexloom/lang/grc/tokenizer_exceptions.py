"""Ancient Greek special cases: elided prepositions and particles ("ἀπ'", "δ'") and their
grave-accented forms, which keep their apostrophe and get the full word as NORM, and crasis
("κἀγώ" = καί + ἐγώ), split into its two words with each one's full form as NORM."""
from __future__ import annotations

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# full word (the NORM) -> spellings: elided, capitalised, grave accent.
_ELIDED = {
    "από": "᾽Απ' ᾽ΑΠ' ἀφ' ᾽Αφ ἀπὸ",
    "ἀλλά": "᾽Αλλ' ἀλλ' ἀλλὰ",
    "παρά": "παρ' Παρ' παρὰ παρ",
    "κατά": "καθ' Καθ' κατ' Κατ' κατὰ",
    "επί": "Ἐπ' ἐπ' ἐπὶ Εφ' εφ'",
    "διά": "Δι' δι' διὰ",
    "ὑπό": "Ὑπ' ὑπ' ὑφ'",
    "μετά": "Μετ' μετ' μεθ' μετὰ",
    "με": "Μ' μ' μέ μὲ",
    "σε": "Σ' σ' σέ σὲ",
    "τε": "Τ' τ' τέ τὲ",
    "δέ": "Δ' δ' δὲ",
}

# Words written with a grave accent inside a phrase, normalised to the acute.
_GRAVE = {"μὲν": "μέν", "μὴν": "μήν", "τὴν": "τήν", "τὸν": "τόν", "καὶ": "καί"}

# Crasis: "first|second", then the NORM of each part ("=" keeps the part as written).
_CRASIS = """
κ|αὐτός καί =
κ|αὐτὸς καί αὐτός
κ|οὐ καί =
χ|ἡ καί =
χ|οἱ καί =
χ|ἱκετεύετε καί =
κ|ἀν καί ἐν
κἀ|γὼ καί ἐγώ
κἀ|γώ καί ἐγώ
ἁ|γώ ἃ ἐγώ
ἁ|γὼ ἃ ἐγώ
ἐγ|ᾦδα ἐγώ οἶδα
ἐγ|ᾦμαι ἐγώ οἶμαι
κ|ἀς καί ἐς
κ|ᾆτα καί εἶτα
κ|εἰ καί =
κ|εἰς καί =
χ|ὤτε καί ὅτε
χ|ὤπως καί ὅπως
χ|ὤτι καί ὅτι
χ|ὤταν καί ὅταν
οὑ|μός ὁ ἐμός
οὑ|μὸς ὁ ἐμός
οὑ|μοί οἱ ἐμoί
οὑ|μοὶ οἱ ἐμoί
σοὔ|στι σοί ἐστι
σοὐ|στί σοί ἐστί
σοὐ|στὶ σοί ἐστί
μοὖ|στι μοί ἐστι
μοὔ|στι μοί ἐστι
τοὔ|νομα τό ὄνομα
οὑ|ν ὁ ἐν
ὦ|νερ ὦ ἄνερ
ὦ|νδρες ὦ ἄνδρες
προὔ|χων πρό ἔχων
προὔ|χοντα πρό ἔχοντα
ὥ|νεκα οὗ ἕνεκα
θο|ἰμάτιον τό =
τὠ|ληθές τὸ ἀληθές
θ|ἡμέρᾳ τῇ =
ἅ|νθρωπος ὁ ἄνθρωπος
τ|ἄλλα τὰ =
τἆ|λλα τὰ ἄλλα
ἁ|νήρ ὁ ἀνήρ
ἁ|νὴρ ὁ ἀνήρ
ἅ|νδρες οἱ ἄνδρες
ἁ|γαθαί αἱ ἀγαθαί
ἁ|γαθαὶ αἱ ἀγαθαί
ἁ|λήθεια ἡ ἀλήθεια
τ|ἀνδρός τοῦ =
τ|ἀνδρὸς τοῦ ἀνδρός
τ|ἀνδρί τῷ =
τ|ἀνδρὶ τῷ ἀνδρί
αὑ|τός ὁ αὐτός
αὑ|τὸς ὁ αὐτός
τ|αὐτοῦ τοῦ =
"""


def _token(orth: str, norm: str) -> dict[int, str]:
    return {ORTH: orth} if norm == "=" else {ORTH: orth, NORM: norm}


def _greek_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for norm, spellings in _ELIDED.items():
        for orth in spellings.split():
            exc[orth] = [{ORTH: orth, NORM: norm}]
    for orth, norm in _GRAVE.items():
        exc[orth] = [{ORTH: orth, NORM: norm}]
    for line in _CRASIS.strip().splitlines():
        parts, first_norm, second_norm = line.split()
        first, second = parts.split("|")
        exc[first + second] = [_token(first, first_norm), _token(second, second_norm)]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _greek_exceptions())
