"""Regenerate spacy_lexeme_attrs.json (the spaCy snapshot used by tests/test_lexeme_attrs.py).

Needs spaCy, which the tests never import; run it with a spaCy environment:
    /work/bench-venv/bin/python tests/data/make_spacy_lexeme_attrs.py
WORDS is read from the test module's source, so the module itself need not import here.
"""
import ast
import json
import pathlib

from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.tokens import Doc
from spacy.vocab import Vocab

HERE = pathlib.Path(__file__).parent
FLAGS = ["is_alpha", "is_ascii", "is_digit", "is_lower", "is_upper", "is_title", "is_punct",
         "is_space", "is_bracket", "is_quote", "is_left_punct", "is_right_punct", "is_currency"]


def load_words():
    tree = ast.parse((HERE.parent / "test_lexeme_attrs.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "WORDS":
            return eval(compile(ast.Expression(node.value), "WORDS", "eval"), {})
    raise SystemExit("WORDS not found in tests/test_lexeme_attrs.py")


def main():
    import spacy

    vocab = Vocab(lex_attr_getters=dict(LEX_ATTRS))
    rows = []
    for word in load_words():
        lex = vocab[word]
        rows.append([word, lex.lower_, lex.shape_, lex.prefix_, lex.suffix_,
                     len(Doc(vocab, words=[word])[0]),
                     "".join("1" if getattr(lex, f) else "0" for f in FLAGS)])
    lines = ["{",
             f'"generator": {json.dumps(f"spaCy {spacy.__version__}: Vocab(lex_attr_getters=spacy.lang.lex_attrs.LEX_ATTRS)")},',
             f'"flags": {json.dumps(FLAGS)},',
             '"columns": ["orth", "lower_", "shape_", "prefix_", "suffix_", "length", "flags"],',
             '"rows": [']
    lines += [json.dumps(r) + ("," if i < len(rows) - 1 else "") for i, r in enumerate(rows)]
    lines += ["]", "}"]
    (HERE / "spacy_lexeme_attrs.json").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
