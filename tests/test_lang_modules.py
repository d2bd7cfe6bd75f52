"""spaCy's language-data modules under lexloom.lang: lexical attribute functions, character
classes, affix lists, norms, French base exceptions and the lazy lemmatizer names."""
import re

import pytest

from lexloom.lang import char_classes, lex_attrs, punctuation
from lexloom.lang.norm_exceptions import BASE_NORMS


@pytest.mark.parametrize("text,shape", [
    ("Hello123", "Xxxxxddd"), ("apple", "xxxx"), ("C3PO", "XdXX"), ("U.S.A.", "X.X.X."),
    ("", ""), ("x" * 100, "LONG"), ("Ünïcödé", "Xxxxx"),
])
def test_word_shape_cuts_runs_at_four(text, shape):
    assert lex_attrs.word_shape(text) == shape


def test_character_class_functions():
    assert lex_attrs.is_alpha("abc") and not lex_attrs.is_alpha("ab1")
    assert lex_attrs.is_digit("123") and not lex_attrs.is_digit("1.5")
    assert lex_attrs.is_lower("abc") and lex_attrs.is_upper("ABC")
    assert lex_attrs.is_title("Hello") and not lex_attrs.is_title("hello")
    assert lex_attrs.is_space(" \n") and not lex_attrs.is_space("a ")
    assert lex_attrs.is_ascii("abc") and not lex_attrs.is_ascii("café")
    assert lex_attrs.is_punct("!?") and not lex_attrs.is_punct("a!")
    assert lex_attrs.is_currency("$€") and not lex_attrs.is_currency("$5")


def test_bracket_quote_and_side_punctuation():
    assert lex_attrs.is_bracket("(") and not lex_attrs.is_bracket('"')
    assert lex_attrs.is_quote("``") and lex_attrs.is_quote("«") and not lex_attrs.is_quote("(")
    assert lex_attrs.is_left_punct("(") and not lex_attrs.is_left_punct(")")
    assert lex_attrs.is_right_punct("»") and not lex_attrs.is_right_punct("«")
    # straight quotes open and close
    assert lex_attrs.is_left_punct('"') and lex_attrs.is_right_punct('"')


def test_affix_and_case_getters():
    assert lex_attrs.lower("HeLLo") == "hello"
    assert lex_attrs.prefix("Hello") == "H"
    assert lex_attrs.suffix("Hello") == "llo" and lex_attrs.suffix("Hi") == "Hi"
    assert lex_attrs.get_lang("anything", lang="fr") == "fr"
    assert lex_attrs.get_lang("anything") == ""


def test_english_and_french_like_num_and_attr_id():
    from lexloom.attrs import LIKE_NUM
    from lexloom.lang.en import lex_attrs as en_attrs
    from lexloom.lang.fr import lex_attrs as fr_attrs

    assert en_attrs.LIKE_NUM == fr_attrs.LIKE_NUM == LIKE_NUM
    assert en_attrs.like_num("seven") and en_attrs.like_num("21st")
    assert fr_attrs.like_num("septante") and not fr_attrs.like_num("maison")


def test_char_class_helpers():
    assert char_classes.split_chars(" a b c ") == ["a", "b", "c"]
    assert char_classes.merge_chars("a b c") == "a|b|c"
    assert char_classes.group_chars("a-z A-Z") == "a-zA-Z"


def test_hyphen_lists_hold_the_hyphens_as_written():
    """spaCy's LIST_HYPHENS / HYPHENS hold "-" and "~" unescaped: code filters the list
    (`[h for h in LIST_HYPHENS if h != "-"]`) and builds alternations from it."""
    import re

    assert char_classes.LIST_HYPHENS[0] == "-" and "~" in char_classes.LIST_HYPHENS
    assert char_classes.HYPHENS == "|".join(char_classes.LIST_HYPHENS)
    infix = re.compile(f"(?<=[a-z])(?:{char_classes.HYPHENS})(?=[a-z])")
    assert [m.group() for m in infix.finditer("a-b a--b a~b a—b")] == \
        ["-", "--", "~", "—"]


def test_haitian_creole_tag_map_maps_universal_tags_to_their_pos():
    from lexloom.lang.ht import HaitianCreole
    from lexloom.parts_of_speech import NOUN, X

    tag_map = HaitianCreole.Defaults.tag_map
    assert len(tag_map) == 17 and tag_map["NOUN"] == {"pos": NOUN} and tag_map["X"] == {"pos": X}


@pytest.mark.parametrize("name,inside,outside", [
    ("LATIN_BASIC", "aZéŸſ", "ƀḀ"),
    ("LATIN_UPPER_BASIC", "AÉŸ", "aßƁ"),
    ("LATIN_LOWER_BASIC", "aßſ", "AƀḁÉ"),
    ("LATIN_UPPER", "AƁḀẞ", "aḁ"),
    ("LATIN_LOWER", "aƀḁɐ", "AḀ"),
    ("COMBINING_DIACRITICS", "\u0301\u0300\u036f", "a\u0370"),
    ("CONCAT_ICONS", "©😀", "a!"),
])
def test_char_classes_match_their_letters(name, inside, outside):
    pattern = re.compile(f"[{getattr(char_classes, name)}]")
    assert all(pattern.fullmatch(c) for c in inside)
    assert not any(pattern.fullmatch(c) for c in outside)


def test_combining_diacritics_rules_split_after_letter_and_mark():
    def splits(patterns, text):
        return any(re.search(p, text) for p in patterns)

    decomposed = "Cafe\u0301."
    assert splits(punctuation.COMBINING_DIACRITICS_TOKENIZER_SUFFIXES, decomposed)
    assert splits(punctuation.COMBINING_DIACRITICS_TOKENIZER_INFIXES, "cafe\u0301,bar")
    assert not splits(punctuation.TOKENIZER_INFIXES, "cafe\u0301,bar")
    assert punctuation.PUNCT == char_classes.PUNCT


def test_base_norms_map_variants_to_one_form():
    assert BASE_NORMS["\u2019"] == "'"
    assert BASE_NORMS["\u201c"] == '"'
    assert BASE_NORMS["\u2014"] == "-"
    assert BASE_NORMS["\u20ac"] == "$"
    assert BASE_NORMS["\u2026"] == "..."


def test_french_base_exceptions_and_first_letter_helpers():
    from lexloom.lang.fr.tokenizer_exceptions import (
        FR_BASE_EXCEPTIONS,
        TOKENIZER_EXCEPTIONS,
        lower_first_letter,
        upper_first_letter,
    )

    assert FR_BASE_EXCEPTIONS == ["aujourd'hui", "Aujourd'hui"]
    assert all(word in TOKENIZER_EXCEPTIONS for word in FR_BASE_EXCEPTIONS)
    assert upper_first_letter("élan") == "Élan" and lower_first_letter("Abc") == "abc"
    assert upper_first_letter("") == "" and lower_first_letter("A") == "a"


def test_french_token_match_shares_tails_and_matches_as_one_alternative_per_prefix():
    # the hyphen and elision prefixes share one tail each (the pattern compiles ~8x faster);
    # a pattern with one "^prefix-tail" alternative per prefix must match the same strings
    import re

    from lexloom.lang.char_classes import ALPHA_LOWER
    from lexloom.lang.fr import tokenizer_exceptions as te
    from lexloom.lang.fr.punctuation import ELISION, HYPHENS

    plain = [p for p in te._HYPHEN_PREFIXES if p.isalpha()]
    tail = f"[{ALPHA_LOWER}][{HYPHENS}{ALPHA_LOWER}{ELISION}]*$"
    alternatives = [f"(?:^{p}[{HYPHENS}]{tail})" for p in plain]
    alternatives += [f"(?:^{p}[{ELISION}]{tail})" for p in te._ELISION_PREFIXES]
    reference = re.compile("(?iu)" + "|".join(alternatives))
    token_match = te.TOKEN_MATCH
    assert len(token_match.pattern) < 400_000
    tried = 0
    for prefix in plain:
        for text in (f"{prefix}-gel", f"{prefix.upper()}‐Été", f"{prefix}-", f"{prefix}-1a",
                     f"{prefix}x-gel", f"{prefix}-gel\n", f"{prefix} gel", f"{prefix}'eau"):
            assert bool(token_match(text)) == bool(reference.match(text)), text
            tried += 1
    for text in ("entr'ouvert", "grand'mère", "grandes'x", "r'a", "r-a", "entr'"):
        assert bool(token_match(text)) == bool(reference.match(text)), text
    assert tried > 500 and token_match("anti-inflammatoire") and token_match("arc-en-ciel")
    assert not token_match("anti") and not token_match("anti-")


def test_english_punctuation_reexports_the_classes_it_builds_on():
    from lexloom.lang.en import punctuation as en_punct

    for name in ("ALPHA_LOWER", "ALPHA_UPPER", "CONCAT_QUOTES", "HYPHENS", "LIST_ELLIPSES",
                 "LIST_ICONS"):
        assert getattr(en_punct, name) == getattr(char_classes, name)


@pytest.mark.parametrize("code,cls_name", [
    ("en", "EnglishLemmatizer"), ("fr", "FrenchLemmatizer"), ("es", "SpanishLemmatizer"),
])
def test_language_lemmatizer_names_load_on_access(code, cls_name):
    import importlib

    import lexloom
    from lexloom.pipeline import Lemmatizer

    module = importlib.import_module(f"lexloom.lang.{code}")
    lemmatizer_cls = getattr(module, cls_name)
    assert issubclass(lemmatizer_cls, Lemmatizer)
    assert module.lemmatizer.__name__ == f"lexloom.lang.{code}.lemmatizer"
    nlp = lexloom.blank(code)
    component = module.make_lemmatizer(nlp, None, "lemmatizer", "rule", False, None)
    assert type(component) is lemmatizer_cls and component.mode == "rule"
    with pytest.raises(AttributeError):
        module.not_a_name  # noqa: B018


def _class_chars(body: str, sample: str) -> set:
    import re

    pattern = re.compile(f"[{body}]")
    return {ch for ch in sample if pattern.match(ch)}


def test_spacys_intermediate_char_class_strings_are_there():
    """Real code imports spaCy's per-script building blocks (`from spacy.lang.char_classes
    import _hyphens, LIST_QUOTES, merge_chars`) to write its own patterns."""
    import re

    from lexloom.lang.char_classes import (  # noqa: F401
        _currency, _hyphens, _latin_l_extendedA, _latin_u_extendedA, _latin_extendedA,
        _lower, _punct, _quotes, _russian_lower, _uncased, _units, _upper, merge_chars,
        split_chars)

    assert merge_chars(_hyphens) == char_classes.HYPHENS
    assert split_chars(_punct) == char_classes.LIST_PUNCT
    assert split_chars(_quotes) == char_classes.LIST_QUOTES
    assert re.fullmatch(merge_chars(_currency), "US$") and "km²" in split_chars(_units)
    extended_a = "".join(chr(cp) for cp in range(0x100, 0x180))
    upper = _class_chars(_latin_u_extendedA, extended_a)
    lower = _class_chars(_latin_l_extendedA, extended_a)
    assert "Ā" in upper and "ā" in lower and "ĸ" in lower and not upper & lower
    assert upper | lower == _class_chars(_latin_extendedA, extended_a) == set(extended_a)
    assert _class_chars(_russian_lower, "ёяЯa") == {"ё", "я"}
    # the cased parts and the uncased scripts make up ALPHA_UPPER / ALPHA_LOWER
    sample = "".join(chr(cp) for cp in range(0x20, 0x3100))
    for part, whole in ((_upper, char_classes.ALPHA_UPPER), (_lower, char_classes.ALPHA_LOWER)):
        assert _class_chars(part + _uncased, sample) == _class_chars(whole, sample)
