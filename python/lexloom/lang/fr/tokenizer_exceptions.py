"""French special cases and the token_match that keeps hyphenated and elided compounds whole.

Special cases: abbreviations, "J.-C.", inverted verbs with a euphonic "-t-" ("a-t-il" ->
"a", "-t", "-il"), "est-ce", "qu'est-ce" and "aujourd'hui". The token_match keeps compounds
built on a known first element ("anti-inflammatoire", "entr'ouvert"), a few lexicalised
loans ("hip-hop", "burn-out") and X-de-Y patterns ("arc-en-ciel", "pet-en-l'air") as one
token. Every entry with a straight apostrophe also gets a U+2019 twin.
"""
from __future__ import annotations

import re

from ..char_classes import ALPHA, ALPHA_LOWER
from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions
from .punctuation import ELISION, HYPHENS

_ABBREVIATIONS = (
    "av. janv. févr. avr. juill. sept. oct. nov. déc. apr. Dr. M. Mr. Mme. Mlle. n° d° St. "
    "Ste. cf. etc. MM. No. pp. Vol."
)
# Hyphenated words the infix rules would split, kept whole.
_WHOLE = (
    "après-midi au-delà au-dessus celle-ci celles-ci celui-ci ci-dessous elle-même "
    "en-dessous jusque-là lui-même peut-être quelques-uns rendez-vous"
)
_T_VERBS = "a est semble indique moque passe"  # "<verb>-t-<pronoun>"


# The words whose every apostrophe and hyphen spelling is a special case (spaCy's list).
FR_BASE_EXCEPTIONS: list[str] = ["aujourd'hui", "Aujourd'hui"]


def upper_first_letter(text: str) -> str:
    """The text with its first character uppercased ("abc" -> "Abc")."""
    return text[:1].upper() + text[1:]


def lower_first_letter(text: str) -> str:
    """The text with its first character lowercased ("Abc" -> "abc")."""
    return text[:1].lower() + text[1:]


def _variants(word: str) -> set[str]:
    """A word with every apostrophe and hyphen spelling, lowercase or capitalised first."""
    out = {word}
    for a in ELISION[1:]:
        out |= {w.replace("'", a) for w in out}
    out |= {w.replace("-", "\u2010") for w in out}
    out |= {upper_first_letter(w) for w in out}
    return out


def _french_exceptions() -> Exceptions:
    exc: Exceptions = {"J.-C.": [{ORTH: "J."}, {ORTH: "-C."}]}
    for orth in (_ABBREVIATIONS + " " + _WHOLE).split():
        exc[orth] = [{ORTH: orth}]
    for verb in _T_VERBS.split():
        for orth in (verb, verb.title()):
            for pronoun in ("elle", "il", "on"):
                exc[f"{orth}-t-{pronoun}"] = [{ORTH: orth}, {ORTH: "-t"}, {ORTH: "-" + pronoun}]
    for orth in ("est", "Est"):
        exc[f"{orth}-ce"] = [{ORTH: orth}, {ORTH: "-ce"}]
    for pre in ("qu'", "n'", "Qu'", "N'"):
        exc[f"{pre}est-ce"] = [{ORTH: pre}, {ORTH: "est"}, {ORTH: "-ce"}]
    for verb, pronoun in (("est", "il"), ("EST", "IL")):
        exc[f"{verb}-{pronoun}"] = [{ORTH: verb}, {ORTH: "-" + pronoun}]
    for s, verb, pronoun in (("s", "est", "il"), ("S", "EST", "IL")):
        exc[f"{s}'{verb}-{pronoun}"] = [{ORTH: s + "'"}, {ORTH: verb}, {ORTH: "-" + pronoun}]
    for word in FR_BASE_EXCEPTIONS:
        for orth in _variants(word):
            exc[orth] = [{ORTH: orth}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _french_exceptions())

# --- token_match ------------------------------------------------------------------------

# First elements of hyphenated compounds (regex fragments): "<prefix>-<lowercase letter>...".
_HYPHEN_PREFIXES = """
a[ée]ro abat a[fg]ro after aigues? am[ée]ricano anglo anti apr[èe]s arabo arcs? archi
arrières? audio avant avion auto banc bas(?:ses?)? bateaux? bec? belles? beau best bio? bien
blanc bo[îi]te bonn?e?s? bois bou(?:c|rg) b[êe]ta cache cap(?:ello)? casse castel champ
chapelle ch[âa]teau(?:neuf)? chasse cha(?:ud|t)e?s? chauffe chou chromo claire?s? co(?:de|ca)?
compte contre cordon coupe? courte?s? couvre crash crise croche cross cyber côte demi
di(?:sney)? dix d[ée]s? dys ex? émirato entre est ethno ex extra extrême [ée]co faux fil fort
franco?s? gallo gardes? gastro grande? gratte gr[ée]co gros g[ée]o haute?s? homm?es? hors
hyper indo infra inter intra islamo italo jean labio latino live lot louis m[ai]cro mal médio
mesnil mi(?:ni)? mono mont?s? moyen multi m[ée]cano m[ée]dico m[ée]do m[ée]ta mots? neuro
noix non nord notre n[ée]o ouest outre ouvre passe perce pharmaco ph[oy]to pieds? pique
poissons? ponce pont po[rs]t pousse primo pro(?:cès|to)? pare petite?s? plessis porte pré
prêchi protège pseudo pêle péri puy quasi quatre radio recourt rythmo (?:re)?doubles? r[ée]
r[ée]tro requin sans? sa?inte?s? semi serre sino socio sociale?s? soixante sous su[bdrs] super
taille tire thermo tiers tourne toute?s? tra[iî]ne? trans trente trois trousse tr(?:i|ou)
t[ée]l[ée] utéro vaso vi[cd]e vid[ée]o vie(?:ux|i?lles?|i?l) vill(?:e|eneuve|ers|ette|iers|y)
vingt voitures? wagons? ultra à [ée]lectro [ée]qui Fontaine La_Chapelle Marie Le_Mesnil
Neuville Pierre Val Vaux
""".split()  # "_" stands for a space

# Lexicalised compounds: (first part, separator class "h" or "e", second part, "+" when at
# least one more lowercase letter must follow, "*" when any number may).
_COMPOUNDS = """
a h sexualis + | arginine h méthyl + | binge h watch + | black h out * | bouche h por +
burn h out * | by h pass * | ch e tiis + | chape h chut + | down h load * | [ée]tats h uni *
droits? h de[-]l'homm + | fac h simil * | fleur h bleuis + | flic h flaqu + | fox h trott +
google h is + | hard h discount * | hip h hop * | jet h set * | knock h out * | lèche h bott +
litho h typographi + | lock h out * | lombri h compost + | mac h adamis + | marque h pag +
mouton h noiris + | new h york * | pair h programm + | people h is + | plan h socialis +
premier h ministr * | prud e hom + | réarc h bout + | refox h trott + | remicro h ond +
repique h niqu + | repetit h déjeun + | rick h roll * | rond h ponn + | shift h cliqu +
soudo h bras + | stabilo h boss + | strip h teas + | terra h form * | teuf h teuf *
yo h yo + | zig h zag * | z e yeut +
"""
_ELISION_PREFIXES = ("r?é?entr", "grande?s?", "r")  # "entr'ouvert", "grand'mère"
# Linking words of X-<link>-Y compounds: "arc-en-ciel", "pied-à-terre".
_LINKS = ("l[èe]s?", "la", "en", "des?", "d[eu]", "sur", "sous", "aux?", "à", "et", "près",
          "saint")


def _token_match_patterns() -> list[str]:
    h, e, al = f"[{HYPHENS}]", f"[{ELISION}]", ALPHA_LOWER
    out = []
    fields = _COMPOUNDS.replace("|", " ").split()
    for first, sep, second, rep in zip(*[iter(fields)] * 4):
        second = second.replace("[-]", h)  # "droits-de-l'homme": a hyphen inside the tail
        out.append(f"^{first}{h if sep == 'h' else e}{second}[{al}]{rep}$")
    # each family shares its tail: one copy of the large letter classes per family instead
    # of one per prefix, so Python's re compiles the pattern in a fraction of the time
    # (matching the same strings)
    tail = f"[{al}][{HYPHENS}{al}{ELISION}]*$"
    hyphen_prefixes = "|".join(p.replace("_", " ") for p in _HYPHEN_PREFIXES)
    out.append(f"^(?:{hyphen_prefixes}){h}{tail}")
    out.append(f"^(?:{'|'.join(_ELISION_PREFIXES)}){e}{tail}")
    out.append(f"^[{ALPHA}]+{h}(?:{'|'.join(_LINKS)}){h}(?:l{e})?[{ALPHA}]+$")
    return out


class _CompoundMatch:
    """Whole-token match for French compounds, compiled on first use (seconds of work that a
    pipeline loading its own tokenizer file never needs). `pattern` is what a tokenizer file
    saves; pickling (copy.deepcopy(nlp), spawned processes) carries the pattern alone."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._regex: re.Pattern[str] | None = None

    def __call__(self, text: str) -> re.Match[str] | None:
        if self._regex is None:
            self._regex = re.compile(self.pattern)
        return self._regex.match(text)

    def __reduce__(self):
        return (type(self), (self.pattern,))


TOKEN_MATCH = _CompoundMatch("(?iu)" + "|".join(f"(?:{p})" for p in _token_match_patterns()))
