"""Malay special cases: abbreviations with periods ("Sdn. Bhd.", "drpd.", "kpd."), Bible book
abbreviations in Malay and English ("1 Kor.", "Kej.", "1Co."), acronyms with "/", "&" or "-"
("a/l", "R&D", "CD-ROM"), month abbreviations with the month as NORM, and Arabic loans
written with an apostrophe. Reduplicated words stay whole through the same token_match as
Indonesian (REDUPLICATION in lexloom.lang.id.tokenizer_exceptions)."""
from __future__ import annotations

from ..id.tokenizer_exceptions import APOSTROPHE_WORDS, cased_variants
from ..tokenizer_exceptions import (
    BASE_EXCEPTIONS,
    NORM,
    ORTH,
    Exceptions,
    merge_exceptions,
)

# Books of the Bible, Malay abbreviations (numbered books take "1 "/"2 "/"3 " before them).
_BIBLE_MS = """
Kej. Kel. Im. Bil. Ul. Yos. Hak. Rut. Ezr. Neh. Est. Ayb. Mzm. Ams. Pkh. Kid. Yes. Yer.
Rat. Yeh. Dan. Hos. Yl. Am. Ob. Yun. Mi. Nah. Hab. Zef. Hag. Za. Mal. Mat. Mrk. Luk. Yoh.
Kis. Rom. Gal. Ef. Flp. Kol. Tit. Flm. Ibr. Yak. Yud. Why.
"""
_NUMBERED_MS = {"1": "Sam. Raj. Taw. Kor. Tes. Tim. Ptr. Yoh.",
                "2": "Sam. Raj. Taw. Kor. Tes. Tim. Ptr. Yoh.", "3": "Yoh."}
# English abbreviations, numbered books written without a space ("1Co.").
_BIBLE_EN = """
Gen. Exo. Lev. Num. Deu. Jos. Jdg. Psa. Pro. Ecc. Son. Isa. Jer. Lam. Eze. Joe. Amo. Oba.
Jon. Mic. Zep. Zec. Act. Eph. Phi. Col. Phm. Heb. Jam. Jud. Rev. Joh. Mar.
"""
_NUMBERED_EN = {"1": "Sa. Ki. Ch. Co. Th. Ti. Pe. Jo.", "2": "Sa. Ki. Ch. Co. Th. Ti. Pe. Jo.",
                "3": "Jo."}

# Abbreviations in running text: prepositions and conjunctions ("dgn." dengan, "kpd." kepada,
# "drpd." daripada, "utk." untuk, "yg." yang), titles, company forms, units.
_ABBREVIATIONS = """
ark. bil. Bil. bkn. bpd. bt. Bt. dgn. dlm. dng. drp. drpd. dr. Dr. Prof. Hj. Bhd. sdr.
kpd. sbg. tsb. utk. yg. lw. lwn. mis. prb. sj. sl. Sl. ist. kep. jkps. Jb. Jh. Jk. Jw.
Kd. Kg. Kl. Kom. Komp. Kol. Col. Gen. Pol. Pn. Pr. Br. Rt. Dt. Tr. Tks. Tadb. Udg. No.
no. Ph. Psi. Si. Sb. Sej. Sos. Pl. Mn. Ml. Mal. Muz. Fiz. Eko. Bio. Geo. Geog. Est.
Abd. Ant. Ast. Ar. Am. Id. in. cm. kg. lb. oz. doz. hb. g. t. C. pd. ppd. mlpd.
mmscfd. mppa. tscf. GWh. Gbps. Ef. Ecc. En.
a.n. a.s. a.s.f. a.s.o. a.t.r. A.S. A.T. b.d. b.h. b.k. b.p. b.s.j. B.Sc. B.Sh. c.l.
d.l.l. d.sb. d.st. dw.t. f.e. i.b. i.e. i.pt. i.s. i.t. m.r. p.l. r.l. s.a.w. s.f. t.sh.
t.s.t. t.t. Y.Th.
"""
# Acronyms with "/", "&", "-" or brackets, and digits before a unit-like letter.
_SYMBOLIC = """
a/k a/l a/p d/a C/E I/O N/A S/N W/O UN/OSCAL E&E M&A P&P R&D S&T PC(s) CD-ROM CD-RW
MS-DOS S-VHS HI-FI BIMP-EAGA IMS-GT IMT-GT TAF-W RMKe-8 D-8 cct-km K-Economy
E-Commerce E-Dagang E-Faraid E-Government E-Kerajaan E-Mail E-Services E-Village E-Zine
ASEAN+3 3D 3F 3M 8MP
"""
_PHRASES = ["Sdn. Bhd.", "AD LIB", "Exim Bank", "PALL MALL", "ASAS 50", "FIA 1993",
            "SIA 1983"]

# month abbreviation -> its NORM: as in spaCy's Malay, only the months written whole with a
# period ("Mac.", "Ogos.") have one
MONTHS = {"Jan": None, "Feb": None, "Mac": "Mac", "Apr": None, "Jun": None, "Jul": None,
          "Ogos": "Ogos", "Sep": None, "Okt": None, "Nov": None, "Dis": None}
# English month abbreviations seen in Malaysian text
_MONTHS_EN = "Aug. Oct. Dec. Sept."

# Fixed hyphenated pairs that are not reduplications.
COMPOUNDS = """
gotong-royong hiruk-pikuk kacau-balau serba-serbi compang-camping sorak-sorai ulang-alik
""".split()


def _malay_exceptions() -> Exceptions:
    orths = _BIBLE_MS.split() + _BIBLE_EN.split() + _ABBREVIATIONS.split()
    orths += _SYMBOLIC.split() + _MONTHS_EN.split() + _PHRASES
    for number, books in _NUMBERED_MS.items():
        orths += [f"{number} {book}" for book in books.split()]
    for number, books in _NUMBERED_EN.items():
        orths += [number + book for book in books.split()]
    exc: Exceptions = {orth: [{ORTH: orth}] for orth in orths}
    exc.update({orth: [{ORTH: orth}] for word in COMPOUNDS for orth in cased_variants(word)})
    exc.update({abbr + ".": [{ORTH: abbr + ".", NORM: month} if month else {ORTH: abbr + "."}]
                for abbr, month in MONTHS.items()})
    exc.update({orth: [{ORTH: orth, NORM: norm}] for orth, norm in APOSTROPHE_WORDS.items()})
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _malay_exceptions())
