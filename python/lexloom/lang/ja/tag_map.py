"""Universal POS for Japanese words from their UniDic tag (the first four levels of SudachiPy's
part of speech, joined by "-"), following the UD Japanese conventions. Most words are decided
by their tag; demonstratives, pro-adnominals and the ideographic space by their spelling;
and words whose role depends on what they attach to (dependent verbs and adjectives,
auxiliary stems, adverbial particles, サ変 nouns before する, nominal adjectives before the
copula) by their neighbours."""
from __future__ import annotations

# tag (or its leading levels: the longest listed prefix wins) -> UPOS
UPOS_BY_TAG: dict[str, str] = {
    "名詞-普通名詞": "NOUN",
    "名詞-固有名詞": "PROPN",
    "名詞-数詞": "NUM",
    "名詞-助動詞語幹": "AUX",
    "代名詞": "PRON",
    "形状詞": "ADJ",
    "形状詞-助動詞語幹": "AUX",
    "連体詞": "ADJ",
    "副詞": "ADV",
    "接続詞": "CCONJ",
    "感動詞": "INTJ",
    "動詞": "VERB",
    "形容詞": "ADJ",
    "助動詞": "AUX",
    "助詞-格助詞": "ADP",
    "助詞-係助詞": "ADP",
    "助詞-副助詞": "ADP",
    "助詞-接続助詞": "SCONJ",
    "助詞-準体助詞": "SCONJ",
    "助詞-終助詞": "PART",
    "接頭辞": "NOUN",
    "接尾辞-名詞的": "NOUN",
    "接尾辞-形状詞的": "PART",
    "接尾辞-形容詞的": "AUX",
    "接尾辞-動詞的": "AUX",
    "補助記号": "PUNCT",
    "補助記号-一般": "SYM",  # ・ ％ ＆ and the like; sentence and bracket marks stay PUNCT
    "補助記号-ＡＡ": "SYM",
    "記号": "SYM",
    "空白": "SPACE",
}

DEMONSTRATIVES = frozenset("この その あの どの かの 此の 其の 彼の".split())
PRO_ADNOMINALS = frozenset("こんな そんな あんな どんな".split())  # "this kind of": pro-forms

# Tags after which a dependent verb (いる, ある, する, なる, ...) or a dependent adjective
# (ない, よい, ほしい) is an auxiliary of what precedes: a predicate, an auxiliary, or the
# connective て / で. After anything else it is the main predicate.
_PREDICATE_TAGS = ("動詞", "形容詞", "助動詞", "助詞-接続助詞", "接尾辞-動詞的",
                   "接尾辞-形容詞的")
_SAHEN_NOUNS = ("名詞-普通名詞-サ変可能", "名詞-普通名詞-サ変形状詞可能")


def tag_upos(tag: str) -> str:
    """The UPOS of a UniDic tag alone: its longest listed prefix's, X when none is listed."""
    parts = tag.split("-")
    for end in range(len(parts), 0, -1):
        upos = UPOS_BY_TAG.get("-".join(parts[:end]))
        if upos is not None:
            return upos
    return "X"


def upos_sequence(words: list[str], tags: list[str]) -> list[str]:
    """The UPOS of every word of a sentence (the tokenizer's words and UniDic tags)."""
    upos = [tag_upos(tag) for tag in tags]
    for i, (word, tag) in enumerate(zip(words, tags)):
        prev = tags[i - 1] if i > 0 else ""
        following = tags[i + 1] if i + 1 < len(tags) else ""
        if tag == "連体詞" and word in DEMONSTRATIVES:
            upos[i] = "DET"
        elif tag == "連体詞" and word in PRO_ADNOMINALS:
            upos[i] = "PRON"
        elif tag == "助詞-副助詞" and prev.startswith(_PREDICATE_TAGS):
            upos[i] = "PART"  # after a clause (降る + か, 降っ + たり) rather than a noun
        elif tag == "空白" and word == "\u3000":
            upos[i] = "X"  # an ideographic space is text, not layout
        elif tag == "動詞-非自立可能":
            if prev in _SAHEN_NOUNS:  # 勉強 + する: the noun is the verb
                upos[i - 1], upos[i] = "VERB", "AUX"
            else:
                upos[i] = "AUX" if prev.startswith(_PREDICATE_TAGS) else "VERB"
        elif tag == "形容詞-非自立可能":
            upos[i] = "AUX" if prev.startswith(_PREDICATE_TAGS) else "ADJ"
        elif tag in ("形状詞-助動詞語幹", "名詞-助動詞語幹"):  # よう, そう, みたい
            upos[i] = "AUX" if prev.startswith(_PREDICATE_TAGS) else "NOUN"
        elif tag == "名詞-普通名詞-形状詞可能" and following == "助動詞":
            upos[i] = "ADJ"  # 静か + だ
    return upos


def resolve_pos(orth: str, tag: str, next_tag: str | None) -> tuple[int, int | None]:
    """spaCy's word-pair form of the rules above, which code such as GiNZA's compound
    splitter calls: (this word's UPOS id, the next word's UPOS id where this word decides
    it, else None), ids as token.pos holds them. Only the word itself and the next word's
    tag are known here, so the rules that read the previous word apply as at a sentence's
    start."""
    from ...attrs import POS_IDS

    if not next_tag:
        return POS_IDS[upos_sequence([orth], [tag])[0]], None
    pair = upos_sequence([orth, ""], [tag, next_tag])
    alone = upos_sequence([""], [next_tag])[0]
    return POS_IDS[pair[0]], (POS_IDS[pair[1]] if pair[1] != alone else None)
