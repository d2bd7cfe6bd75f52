"""Indonesian special cases: academic degrees and titles ("S.Kom.", "Dr.", "Hj."),
abbreviations ("dll.", "s.d."), month abbreviations with the month as NORM, and Arabic loans
written with an apostrophe ("jum'at") with their standard spelling as NORM.

Hyphenated words are not listed one by one: reduplication ("gara-gara", "anak-anaknya",
"tolong-menolong", "bolak-balik") is recognised by REDUPLICATION, the tokenizer's token_match,
so they stay whole while other hyphenated pairs ("Jokowi-Ahok") split."""
from __future__ import annotations

import re

from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# Degrees: "S." (sarjana, bachelor) and "M." (magister) with their field, as written.
_BACHELOR = """
AB AP Adm Ag. Agr Ant Arl Ars A.R.S Ds E. E.I. Farm Gz. H. Han H.Int Hum Hut. In. IK.
I.Kom. I.P IP P. Pt Psi Ptk Keb Ked Kep KG KH Kel K.M. Kedg. Kedh. Kom. KPM Mb Mat Par
Pd. Pd.I. Pd.SD Pol. Psi. S. SArl. Sn Si. Si.Teol. SI. ST. ST.Han STP Sos. Sy. T. T.Han
Th. Th.IS.TI. T.P. TrK Tekp. H.H.
"""
_MASTER = """
AB Ag. AP Arl A.R.S Hum. I.Kom. Kes, Kom. M. P. Pd. Psi. Psi.T. Sc. SArl Si. Sn. T. Th.
A. B.A Eng. Eng.Sc. Pharm.
"""
_TITLES = """
A.AB. A.Ma. A.Md. A.Md.Keb. A.Md.Kep. A.P. B.A. B.Ch.E. B.Sc. Dr. Dra. Drs. Hj. Ka. Kp.
No. Pjs. Plt. R.A. Prof. drg. KH. Ust. Lc Pdt. Rm. Ps. St. Dr.-Ing R.Ng. R. R.M. R.B.
R.P. R.Ay. Rr. R.Ngt.
"""
_ABBREVIATIONS = """
a.l. a.n. a.s. b.d. d.a. d.l. d/h dkk. dll. dr. drh. ds. dsb. dst. faks. fax. hlm. i/o
n.b. p.p.pjs. s.d. tel. u.p.
"""
# German doctorates, written with spaces
_PHRASES = ["Dr. med", "Dr. rer. nat.", "Dr. phil.", "Dr. iur.", "Dr. rer. oec",
            "Dr. rer. pol."]

# Fixed hyphenated pairs that are not reduplications.
COMPOUNDS = """
asal-usul gotong-royong hiruk-pikuk kacau-balau serba-serbi compang-camping porak-poranda
sorak-sorai anak-cucu anak-istri bapak-ibu suami-istri barat-daya barat-laut timur-laut
""".split()

MONTHS = {"Jan": "Januari", "Feb": "Februari", "Mar": "Maret", "Apr": "April", "Jun": "Juni",
          "Jul": "Juli", "Agu": "Agustus", "Ags": "Agustus", "Sep": "September",
          "Okt": "Oktober", "Nov": "November", "Des": "Desember"}

# Arabic loans: spelling with an apostrophe (for the glottal stop) -> standard spelling
APOSTROPHE_WORDS = {"do'a": "doa", "jum'at": "Jumat", "Jum'at": "Jumat", "la'nat": "laknat",
                     "ma'af": "maaf", "mu'jizat": "mukjizat", "Mu'jizat": "mukjizat",
                     "ni'mat": "nikmat", "raka'at": "rakaat", "ta'at": "taat"}


def abbreviation_table(titles: str, abbreviations: str, bachelor: str = "",
                       master: str = "", phrases: list[str] = ()) -> Exceptions:
    orths = titles.split() + abbreviations.split() + list(phrases)
    orths += ["S." + field for field in bachelor.split()]
    orths += ["M." + field for field in master.split()]
    return {orth: [{ORTH: orth}] for orth in orths}


def cased_variants(word: str) -> set[str]:
    """A listed word as written, lowercase, uppercase, capitalised, and each of its
    hyphenated parts capitalised or uppercase ("Asal-Usul", "ASAL-USUL")."""
    parts = word.split("-")
    return {word, word.lower(), word.upper(), word.title(), word[0].upper() + word[1:],
            "-".join(p.title() for p in parts), "-".join(p.upper() for p in parts)}


def _indonesian_exceptions() -> Exceptions:
    exc = abbreviation_table(_TITLES, _ABBREVIATIONS, _BACHELOR, _MASTER, _PHRASES)
    exc.update({orth: [{ORTH: orth}] for word in COMPOUNDS for orth in cased_variants(word)})
    exc.update({abbr + ".": [{ORTH: abbr + ".", NORM: month}] for abbr, month in MONTHS.items()})
    exc.update({orth: [{ORTH: orth, NORM: norm}] for orth, norm in APOSTROPHE_WORDS.items()})
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _indonesian_exceptions())

# Reduplication, in any case. A letter run (no digits: "1-1" is a range), then one of:
# the same word repeated, with affixes ("anak-anak", "berlari-lari", "anak-anaknya"); the
# word with a prefix after the hyphen ("anak-beranak", "bahu-membahu"), also with the nasal
# that replaces p/t/k/s ("tolong-menolong", "pukul-memukul"); a rhyme with a new first
# letter ("sayur-mayur", "bercerai-berai"); or the same consonants with other vowels
# ("bolak-balik", "mondar-mandir").
_L = r"[^\W\d_]"
_C = r"[^\W\d_aeiouAEIOU]"
_V = "[aeiouAEIOU]"
_PREFIX = "(?:se|ber|be|ter|te|ke|me|mem|men|meng|meny|di|per|pe|pem|pen|peng|peny|bel)"
_SUFFIX = "(?:an|nya|kan|i|lah|kah|pun|ku|mu|annya|kannya|an-nya)?"
REDUPLICATION_PATTERN = (
    "(?i)^(?:"
    f"{_PREFIX}?({_L}+)-\\1{_SUFFIX}"
    f"|({_L}+)-{_PREFIX}\\2{_SUFFIX}"
    f"|[ptks]({_L}+)-(?:me|pe)(?:m|n|ng|ny)\\3{_SUFFIX}"
    f"|{_PREFIX}?{_L}({_L}{{2,}})-{_PREFIX}?{_L}\\4{_SUFFIX}"
    f"|{_PREFIX}?({_C}){_V}({_C}+){_V}({_C}*)-\\5{_V}\\6{_V}\\7{_SUFFIX}"
    ")$"
)
REDUPLICATION = re.compile(REDUPLICATION_PATTERN).match
