"""regex_factoring.factor_common_tails: big alternations that repeat a tail compile from one
copy of it and match exactly as written; tokenizer files keep their patterns as written."""
import random
import re

import pytest

import lexloom
from lexloom.regex_factoring import factor_common_tails
from lexloom.tokenizer import Tokenizer

# a tail as long as the letter classes of a real token_match, with escapes, a class with
# "]" and "^" in it, a lookahead and quantifiers of every kind
TAIL = (r"[-\u2010\u2011][a-z\u00e0-\u00ff\]^]" + "".join(
    f"[\\u{0x100 + 2 * i:04x}-\\u{0x101 + 2 * i:04x}]?" for i in range(40))
        + r"(?:x|yz)*?(?=[a-z\u00e0])[a-z\u00e0-\u00ff']+$")
PREFIXES = ["^anti", "^ab", "^mots?", "^(?:re)?doubles?", "^r[ée]", "^vi[cd]e", "^a\\.b",
            "^\\u00e9lectro", "^z+", "^x(?:y|z)*+"]


def _patterns():
    flags = "(?iu)"
    yield flags + "|".join(f"(?:{p}{TAIL})" for p in PREFIXES)
    # mixed: short alternatives between the runs that share the tail
    yield flags + "|".join(["(?:^hip-hop$)", *[f"(?:{p}{TAIL})" for p in PREFIXES[:4]],
                            "(?:^[a-z]+-en-[a-z]+$)", *[f"{p}{TAIL}" for p in PREFIXES[4:]]])
    yield "|".join(f"{p}{TAIL}" for p in PREFIXES)  # no flags, branches not wrapped


def _strings(seed=0, n=3000):
    rng = random.Random(seed)
    alphabet = "abcdefgilmnorstuvxyzéàĀāĂ-‐'] ^.\n"
    words = ["anti-gel", "ab-été", "mot-x", "redouble-a", "double-é", "ré-a", "vide-z",
             "a.b-c", "électro-ménager", "zzz-a", "xyyz-a", "hip-hop", "arc-en-ciel"]
    out = set()
    for w in words:
        out.update({w, w.upper(), w + "s", w + "\n", w.replace("-", "\u2010"), w + "-]a"})
    for _ in range(n):
        stem = rng.choice(words)[:rng.randint(0, 6)]
        out.add(stem + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))))
    return sorted(out)


@pytest.mark.parametrize("pattern", list(_patterns()))
def test_factored_pattern_matches_exactly_as_written(pattern):
    factored = factor_common_tails(pattern)
    assert len(factored) < len(pattern) / 3  # one copy of the tail per run, not one each
    original, rewritten = re.compile(pattern), re.compile(factored)
    matched = 0
    for text in _strings():
        for method in ("match", "search", "fullmatch"):
            a, b = getattr(original, method)(text), getattr(rewritten, method)(text)
            assert (a and a.span()) == (b and b.span()), (method, text)
        assert ([m.span() for m in original.finditer(text)]
                == [m.span() for m in rewritten.finditer(text)]), text
        matched += bool(original.match(text))
    assert matched > 20


@pytest.mark.parametrize("pattern", [
    "(a" + "b" * 300 + ")|(c" + "b" * 300 + ")",       # capturing groups: numbering
    "a" + "b" * 300 + r"\1|c" + "b" * 300 + r"\1",     # backreferences
    "a" + "b" * 300 + "x{2}|c" + "b" * 300 + "x{2}",   # counted repeats
    "(?i:a" + "b" * 300 + ")|(?i:c" + "b" * 300 + ")",  # scoped flags
    "a" + "b" * 300 + "|c" + "d" * 300,                # nothing shared
    "(?x)a" + "b" * 300 + " # note\n|c" + "b" * 300 + " # note\n",  # verbose
    "short|tails",
    "[unterminated" + "b" * 300,
])
def test_patterns_it_does_not_understand_are_left_as_written(pattern):
    assert factor_common_tails(pattern) == pattern


def test_tokenizer_file_compiles_a_big_token_match_factored_and_saves_it_as_written():
    pattern = "(?iu)" + "|".join(f"(?:^{word}{TAIL})" for word in
                                 (f"w{i}x" for i in range(300)))
    assert len(pattern) > 50_000
    nlp = lexloom.blank("fr")
    source = Tokenizer(nlp.vocab, rules={"aujourd'hui": [{"ORTH": "aujourd'hui"}]},
                       token_match=re.compile(pattern).match)
    data = source.to_bytes()
    loaded = Tokenizer(nlp.vocab).from_bytes(data)
    assert len(loaded.token_match.__self__.pattern) < len(pattern) / 10
    assert loaded.to_bytes() == data
    reference = re.compile(pattern)
    for text in ("w7x-ab", "W299X-été", "w7x-", "w300x-ab", "aujourd'hui", "w12x-a'b"):
        assert bool(loaded.token_match(text)) == bool(reference.match(text))
        assert [t.text for t in loaded(text)] == [t.text for t in source(text)]


def test_default_tokenizer_works_out_its_phrases_on_first_use_or_first_change():
    nlp = lexloom.blank("en")
    nlp.tokenizer.add_special_case("don't!", [{"ORTH": "do"}, {"ORTH": "n't!"}])
    assert [t.text for t in nlp("I don't! don't")] == ["I", "do", "n't!", "do", "n't"]
    fresh = lexloom.blank("en")
    assert [t.text for t in fresh("I don't (e.g. this)")] == [
        "I", "do", "n't", "(", "e.g.", "this", ")"]
