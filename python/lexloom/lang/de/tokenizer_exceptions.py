"""German special cases: abbreviations (most with their full form as NORM), clitic "'s",
"'m" and "'n(e)" forms, and Roman ordinals."""
from __future__ import annotations

from ..tokenizer_exceptions import (BASE_EXCEPTIONS, NORM, ORTH, Exceptions, merge_exceptions,
                                    normed_exceptions)

# "host'clitic" -> host + clitic with a norm
_CLITICS = {
    "dem": "auf hinter unter vor über",  # auf'm -> auf 'm(dem)
    "es": "du er ich ihr sie wir",  # du's -> du 's(es)
}

# Single tokens with a norm: norm -> spellings
_NORMED = {
    "'s": "'S 's S' s'", "ein": "'n", "eine": "'ne", "einen": "'nen", "einem": "'nem",
    "Abbildung": "Abb.", "Abkürzung": "Abk.", "Abteilung": "Abt.", "April": "Apr.",
    "August": "Aug.", "Band": "Bd.", "Betreff": "Betr.", "Bahnhof": "Bf. Bhf.",
    "Beispiel": "Bsp.", "Dezember": "Dez.", "Dienstag": "Di.", "Donnerstag": "Do.",
    "Firma": "Fa.", "Familie": "Fam.", "Februar": "Feb.", "Frau": "Fr.", "Fräulein": "Frl.",
    "Hauptbahnhof": "Hbf.", "Herr": "Hr.", "Herrn": "Hrn.", "Januar": "Jan.",
    "Jahrhundert": "Jh. Jhd.", "Juli": "Jul.", "Juni": "Jun.", "Mittwoch": "Mi.",
    "Million": "Mio.", "Montag": "Mo.", "Milliarde": "Mrd.", "März": "Mrz. Mär.",
    "Mehrwertsteuer": "MwSt.", "November": "Nov.", "Nummer": "Nr.", "Oktober": "Okt.",
    "Original": "Orig.", "Punkt": "Pkt.", "Professor": "Prof.", "Redaktion": "Red.",
    "Samstag": "Sa.", "September": "Sep. Sept.", "Sonntag": "So.", "Stunde": "Std.",
    "Straße": "Str.", "Telefon": "Tel.", "Tausend": "Tsd.", "Universität": "Univ.",
    "abzüglich": "abzgl.", "allgemein": "allg.", "beispielsweise": "bspw.",
    "bezüglich": "bzgl.", "beziehungsweise": "bzw.", "dergleichen": "dgl.", "ebenda": "ebd.",
    "eigentlich": "eigtl.", "englisch": "engl.", "eventuell": "evtl.",
    "französisch": "frz.", "gegründet": "gegr.", "gegebenenfalls": "ggf. ggfs.",
    "gegenüber": "ggü.", "inklusive": "incl. inkl.", "insbesondere": "insb.",
    "katholisch": "kath.", "laut": "lt.", "maximal": "max.", "minimal": "min.",
    "mindestens": "mind.", "monatlich": "mtl.", "original": "orig.", "römisch": "röm.",
    "täglich": "tägl.", "vergleiche": "vgl.", "vielleicht": "vllt. vlt.",
    "österreichisch": "österr.",
}

# Kept whole, no norm.
_WHOLE = """
d.h. i.O. i.d.R. n.Chr. s.o. sog. stellv. u.U. u.s.w. u.v.m. usf. usw. uvm. v.Chr. v.a.
v.l.n.r. z.B. z.Bsp. z.T. z.Z. z.Zt. z.b. zzgl.
`` '' A.C. a.D. A.D. A.G. a.M. a.Z. Abs. adv. al. B.A. B.Sc. betr. biol. Biol. ca. CDU/CSU
Chr. Cie. c/o co. Co. d' D.C. Dipl.-Ing. Dipl. Dr. e.g. e.V. ehem. entspr. erm. etc. ev.
G.m.b.H. geb. Gebr. gem. h.c. Hg. hrsg. Hrsg. i.A. i.e. i.G. i.Tr. i.V. I. II. III. IV. Inc.
Ing. jr. Jr. jun. jur. K.O. L' L.A. lat. M.A. m.E. m.M. M.Sc. Mr. N.Y. N.Y.C. nat. o.a. o.ä.
o.g. o.k. O.K. p.a. p.s. P.S. pers. phil. q.e.d. R.I.P. rer. sen. St. std. u.a. U.S. U.S.A.
U.S.S. Vol. vs. wiss.
"""


def _german_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for norm, hosts in _CLITICS.items():
        clitic = "'m" if norm == "dem" else "'s"
        for host in hosts.split():
            exc[host + clitic] = [{ORTH: host}, {ORTH: clitic, NORM: norm}]
    exc.update(normed_exceptions(_NORMED))
    for orth in _WHOLE.split():
        exc[orth] = [{ORTH: orth}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _german_exceptions())
