"""Write the spaCy 3.8 reference files for the edit tree tests (tests/data/edit_trees/).

Run with spaCy installed (it is not a lexloom dependency; lexloom's tests only read the files):
    /work/spacy-venv/bin/python benchmarks/make_edit_tree_reference.py tests/data/edit_trees

pairs.json / pairs_trees.bin: spaCy's EditTrees for a list of (form, lemma) pairs (ASCII,
Latin-1, outside the BMP, empty): tree ids, tree_to_str of every tree, apply() of every tree
to a list of words, to_bytes(), and the strings the substitution nodes use.
spacy_component/ + spacy_component.json: a trainable_lemmatizer trained by spaCy on four
sentences (30 updates, seed 0), saved with to_disk(exclude=["model"]): cfg, vocab, trees;
its labels and their trees printed.
"""
import json
import sys
from pathlib import Path

import spacy
from spacy.pipeline._edit_tree_internals.edit_trees import EditTrees
from spacy.strings import StringStore
from spacy.training import Example

PAIRS = [("cats", "cat"), ("dogs", "dog"), ("walked", "walk"), ("talked", "talk"),
         ("went", "go"), ("Bäume", "Baum"), ("Häuser", "Haus"), ("gegooid", "gooien"),
         ("unhappy", "happy"), ("running", "run"), ("swimming", "swim"), ("was", "be"),
         ("mice", "mouse"), ("feet", "foot"), ("größer", "groß"), ("naïve", "naïve"),
         ("😀s", "😀"), ("", "")]
WORDS = ["cats", "hats", "went", "gone", "Bäume", "Räume", "a", "", "größer", "walked",
         "naïve", "😀s", "xs"]
TRAIN = [("The cats walked", ["the", "cat", "walk"]),
         ("Dogs talked loudly", ["dog", "talk", "loudly"]),
         ("Mice went home", ["mouse", "go", "home"]),
         ("The hats jumped", ["the", "hat", "jump"])]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    strings = StringStore()
    trees = EditTrees(strings)
    ids = [trees.add(form, lemma) for form, lemma in PAIRS]
    dicts = [trees[i] for i in range(len(trees))]
    used = sorted({strings[d[k]] for d in dicts for k in ("orig", "subst") if k in d})
    (out / "pairs_trees.bin").write_bytes(trees.to_bytes())
    (out / "pairs.json").write_text(json.dumps({
        "pairs": PAIRS, "ids": ids, "words": WORDS, "strings": used,
        "to_str": [trees.tree_to_str(i) for i in range(len(trees))],
        "apply": {str(t): [trees.apply(t, w) for w in WORDS] for t in range(len(trees))},
    }, indent=1))

    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    lem = nlp.add_pipe("trainable_lemmatizer", config={"min_tree_freq": 1})
    examples = [Example.from_dict(nlp.make_doc(t), {"lemmas": l}) for t, l in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    lem.to_disk(out / "spacy_component", exclude=["model"])
    (out / "spacy_component.json").write_text(json.dumps({
        "labels": list(lem.labels),
        "label_trees": [lem.trees.tree_to_str(t) for t in lem.labels]}, indent=1))
    print(f"wrote {out}: {len(trees)} pair trees, {len(lem.trees)} component trees")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
