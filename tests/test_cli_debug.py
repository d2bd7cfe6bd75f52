"""`lexloom debug data` and `lexloom debug model` on tiny corpora written by the tests: each
kind of problem debug data checks for is planted once and must be reported."""
import pytest
from lexloom.cli import app
from lexloom.cli.debug_data import compile_gold, contains_cycle, is_nonproj_tree
from typer.testing import CliRunner

import lexloom
from lexloom import cli
from lexloom.tokens import Doc, DocBin, Span
from lexloom.training import Example

runner = CliRunner()


def _ner_doc(vocab, words, ents, heads, deps, cats, spans=(), spaces=None):
    doc = Doc(vocab, words=words, spaces=spaces, ents=ents, heads=heads, deps=deps)
    doc.cats = cats
    doc.spans["sc"] = [Span(doc, start, end, label=label) for start, end, label in spans]
    return doc


@pytest.fixture(scope="module")
def ner_corpus(tmp_path_factory):
    """ner + parser + textcat_multilabel + spancat; planted: a train doc twice, a train doc
    also in dev, an entity ending in punctuation, two entities the tokenizer merges into one
    token, a non-projective tree, a dev-only entity label, a multi-label/exclusive mismatch."""
    path = tmp_path_factory.mktemp("ner_corpus")
    vocab = lexloom.blank("en").vocab
    apple = (["Apple", "buys", "Acme", "."], ["B-ORG", "O", "B-ORG", "O"], [1, 1, 1, 1],
             ["nsubj", "ROOT", "dobj", "punct"], {"POS": 1.0, "NEG": 0.0}, [(0, 1, "CO")])
    bob = (["Bob", "saw", "Paris", "."], ["B-PER", "O", "B-LOC", "O"], [1, 1, 1, 1],
           ["nsubj", "ROOT", "dobj", "punct"], {"POS": 0.0, "NEG": 1.0}, [(2, 3, "CITY")])
    train = [
        _ner_doc(vocab, *apple), _ner_doc(vocab, *bob), _ner_doc(vocab, *apple),
        _ner_doc(vocab, ["Mr", ".", "Smith", "left", "."], ["B-PER", "I-PER", "O", "O", "O"],
                 [3, 0, 3, 3, 1], ["nsubj", "punct", "nsubj", "ROOT", "punct"],
                 {"POS": 1.0, "NEG": 1.0}),
        _ner_doc(vocab, ["AB", "CD", "rocks"], ["B-ORG", "B-LOC", "O"], [2, 2, 2],
                 ["nsubj", "nsubj", "ROOT"], {"POS": 1.0, "NEG": 0.0},
                 spaces=[False, True, False]),
    ]
    dev = [_ner_doc(vocab, *bob),
           _ner_doc(vocab, ["Carl", "runs"], ["B-GPE", "O"], [1, 1], ["nsubj", "ROOT"],
                    {"POS": 1.0, "NEG": 0.0})]
    DocBin(docs=train).to_disk(path / "train.spacy")
    DocBin(docs=dev).to_disk(path / "dev.spacy")
    cli.init_config(lang="en", pipeline=["ner", "parser", "textcat_multilabel", "spancat"]
                    ).to_disk(path / "config.cfg")
    return path


@pytest.fixture(scope="module")
def tagger_corpus(tmp_path_factory):
    """tagger + morphologizer + textcat + trainable_lemmatizer + span_finder; planted: a
    train doc without lemmas, a dev doc with two positive exclusive classes."""
    path = tmp_path_factory.mktemp("tagger_corpus")
    vocab = lexloom.blank("en").vocab

    def doc(words, tags, pos, morphs, lemmas, cats, spans=()):
        d = Doc(vocab, words=words, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas)
        d.cats = cats
        d.spans["sc"] = [Span(d, start, end) for start, end in spans]
        return d

    train = [doc(["Cats", "eat", "fish"], ["NNS", "VBP", "NN"], ["NOUN", "VERB", "NOUN"],
                 ["Number=Plur", "", "Number=Sing"], ["cat", "eat", "fish"],
                 {"A": 1.0, "B": 0.0}, [(0, 1)]),
             doc(["Dogs", "ran", "home", "fast"], ["NNS", "VBD", "NN", "RB"],
                 ["NOUN", "VERB", "NOUN", "ADV"], ["Number=Plur", "Tense=Past", "", ""],
                 ["dog", "run", "home", "fast"], {"A": 1.0, "B": 0.0}, [(0, 4)]),
             doc(["It", "is"], ["PRP", "VBZ"], ["PRON", "AUX"], ["", ""], ["", ""],
                 {"A": 0.0, "B": 1.0})]
    dev = [doc(["Birds", "sang"], ["NNS", "VBD"], ["NOUN", "VERB"], ["Number=Plur", "Tense=Past"],
               ["bird", "sing"], {"A": 1.0, "B": 1.0}, [(1, 2)])]
    DocBin(docs=train).to_disk(path / "train.spacy")
    DocBin(docs=dev).to_disk(path / "dev.spacy")
    cli.init_config(lang="en", pipeline=["tagger", "morphologizer", "textcat",
                                         "trainable_lemmatizer", "span_finder"]
                    ).to_disk(path / "config.cfg")
    return path


def _debug_data(path, *flags):
    return runner.invoke(app, ["debug", "data", str(path / "config.cfg"), *flags,
                               "--paths.train", str(path / "train.spacy"),
                               "--paths.dev", str(path / "dev.spacy")])


def test_debug_data_finds_ner_parser_textcat_and_spancat_problems(ner_corpus):
    result = _debug_data(ner_corpus, "--verbose")
    out = result.output
    assert result.exit_code == 1, out   # five training docs: too few for a new pipeline
    assert "Training pipeline: tok2vec, ner, parser, textcat_multilabel, spancat" in out
    assert "5 training docs (20 words)" in out and "2 evaluation docs (6 words)" in out
    assert "⚠ 1 training examples also in evaluation data" in out
    assert "⚠ 1 duplicate training docs" in out
    assert "✘ Low number of examples to train a new pipeline (5)" in out
    # NER
    assert "Labels in train data: 'ORG' (4), 'PER' (2), 'LOC' (1)" in out
    assert "Label(s) in the dev data but not the training data: 'GPE'" in out
    assert "⚠ Low number of examples for label 'LOC' (1)" in out
    assert "1 entity span(s) starting or ending with punctuation" in out
    assert "'Mr .' (PER, chars 0-4)" in out
    assert "1 overlapping entity span(s) after tokenization" in out
    assert "'CD' (LOC, chars 2-4) overlaps 'AB' (ORG, chars 0-2)" in out
    assert "1 missing value(s)" in out
    # parser
    assert "Found 5 sentence(s) with an average length of 4.0 words." in out
    assert "Found 1 nonprojective train sentence(s)" in out
    assert "⚠ Low number of examples for label 'dobj' (3)" in out
    assert "punct||punct: 1" in out
    # textcat_multilabel, spancat
    assert "Text Classification: 2 label(s)" in out
    assert "train data contains instances without mutually-exclusive classes while the dev" in out
    assert "Spans key 'sc': 2 label(s): 'CITY', 'CO'" in out
    assert "Low number of examples for label 'CITY' in key 'sc' (1)" in out
    assert "have lengths of 1 -- 1 (min=1, max=1)" in out
    # spaCy's span characteristics on the same data: SD/BD 2.30/2.30 (CO), 3.00/1.50 (CITY)
    assert "CO              1.00    2.30    2.30       2" in out
    assert "CITY            1.00    3.00    1.50       1" in out
    assert "Wgt. Average    1.00    2.53    2.03       -" in out
    assert "✔ Spans are distinct from the rest of the corpus" in out
    assert "✘ 1 error" in out


def test_debug_data_checks_tagger_morphologizer_textcat_lemmatizer_span_finder(tagger_corpus):
    result = _debug_data(tagger_corpus, "-V")
    out = result.output
    assert result.exit_code == 1, out
    assert "The dev data contains 1 instance(s) without exactly one positive class" in out
    assert "Spans key 'sc': 2 training span(s) in 2 doc(s), 1 dev span(s); lengths 1-4" in out
    assert "=== Part-of-speech Tagging ===" in out and "7 label(s) in train data" in out
    assert "'Number=Plur|POS=NOUN' (2)" in out
    assert "4 lemmatizer trees generated from training data" in out
    assert "⚠ 1 training docs with no lemma annotations." in out
    assert "✘ 2 errors" in out


def test_debug_data_no_format_and_ignore_warnings(tagger_corpus):
    result = _debug_data(tagger_corpus, "--no-format", "--ignore-warnings")
    out = result.output
    assert result.exit_code == 1
    assert "✔" not in out and "⚠" not in out and "=====" not in out
    assert "Part-of-speech Tagging\n----------------------" in out
    assert "no lemma annotations" not in out   # a warning, hidden
    assert "2 errors" in out


def test_compile_gold_counts_empty_docs_whitespace_entities_and_incorrect_spans():
    nlp = lexloom.blank("en")
    nlp.add_pipe("ner", config={"incorrect_spans_key": "bad"})
    doc = Doc(nlp.vocab, words=["Hi", " ", "Bob", "!"], spaces=[True, False, False, False],
              ents=["O", "B-PER", "I-PER", "O"])
    doc.spans["bad"] = [Span(doc, 1, 3, label="PER")]
    empty = Doc(nlp.vocab, words=[])
    examples = [Example(nlp.make_doc(d.text), d) for d in (doc, empty)]
    gold = compile_gold(examples, ["ner"], nlp)
    assert gold["n_empty"] == 1
    assert len(gold["ws_ents"]) == 1 and "PER" in gold["ws_ents"][0]
    assert gold["incorrect_span_conflicts"] == 1
    assert gold["ner"] == {"PER": 1}


def test_projectivity_and_cycle_checks():
    assert not is_nonproj_tree([1, 1, 1])
    assert is_nonproj_tree([3, 0, 3, 3, 1])          # the arc 1 -> 4 crosses the root 3
    assert not is_nonproj_tree([None, 1, 1])
    assert not is_nonproj_tree([3, None, 3, 3])      # token 1's head is unknown: no crossing
    assert is_nonproj_tree([2, 3, 2, 2])              # 1 -> 3 crosses 2, the root
    assert contains_cycle([1, 0, 2])
    assert not contains_cycle([1, 1, None])


def test_debug_model_prints_dims_params_grads_losses_and_prediction(tagger_corpus):
    result = runner.invoke(app, ["debug", "model", str(tagger_corpus / "config.cfg"), "tagger",
                                 "-DIM", "-PAR", "-GRAD", "-ATTR", "-P0", "-P1", "-P2", "-P3",
                                 "--paths.train", str(tagger_corpus / "train.spacy"),
                                 "--paths.dev", str(tagger_corpus / "dev.spacy")])
    out = result.output
    assert result.exit_code == 0, out
    steps = [out.index(f"STEP {i}") for i in range(4)]
    assert steps == sorted(steps)
    before, after_init = out[steps[0]:steps[1]], out[steps[1]:steps[2]]
    after_training, prediction = out[steps[2]:steps[3]], out[steps[3]:]
    assert "dim nO: None" in before and "param W: None" in before
    assert "dim nO: 7" in after_init and "param W: (7, 96) - mean 0, std 0" in after_init
    assert "Update 3: loss" in after_init
    assert "param W: (7, 96) - mean" in after_training
    assert "param W: (7, 96) - mean 0, std 0," not in after_training   # it learned
    assert "grad W: (7, 96) - mean" in after_training
    assert "attr softmax_normalize: False" in after_training
    assert "(3, 7) - mean" in prediction and "model looks good" in prediction


def test_debug_model_fixes_the_configs_seed(tagger_corpus):
    # as spaCy's: [training] seed is fixed first, so two runs print the same weights
    def params():
        result = runner.invoke(app, ["debug", "model", str(tagger_corpus / "config.cfg"),
                                     "tagger", "-PAR", "-P1", "-P2",
                                     "--paths.train", str(tagger_corpus / "train.spacy"),
                                     "--paths.dev", str(tagger_corpus / "dev.spacy")])
        assert result.exit_code == 0 and "Fixing random seed" in result.output
        return [line for line in result.output.splitlines() if "param " in line]

    first = params()
    assert first and first == params()


def test_debug_model_layer_filter_and_unknown_component(tagger_corpus):
    args = ["--paths.train", str(tagger_corpus / "train.spacy"),
            "--paths.dev", str(tagger_corpus / "dev.spacy")]
    result = runner.invoke(app, ["debug", "model", str(tagger_corpus / "config.cfg"), "tagger",
                                 "-l", "3", "-P2", *args])
    assert result.exit_code == 0, result.output
    assert "Layer 3: model ID" in result.output and "Layer 0:" not in result.output
    result = runner.invoke(app, ["debug", "model", str(tagger_corpus / "config.cfg"), "nope",
                                 *args])
    assert result.exit_code == 1 and "No pipe named 'nope'" in result.output


def test_ner_checks_report_new_labels_and_low_data_without_negative_examples():
    from lexloom.cli.debug_data import Report, _check_ner

    nlp = lexloom.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("ORG")
    doc = Doc(nlp.vocab, words=["Bob", "works"], ents=["B-PER", "O"])
    examples = [Example(nlp.make_doc(doc.text), doc)]
    gold = compile_gold(examples, ["ner"], nlp)
    msg = Report(silent=True)
    _check_ner(msg, nlp, examples, gold, compile_gold([], ["ner"], nlp))
    warnings = [text for kind, text in msg.messages if kind == "warn"]
    assert any("New label(s) in the train data that the model doesn't have: 'PER'" in w
               for w in warnings)
    assert any("not present in the train data" in w and "'ORG'" in w for w in warnings)
    assert "Low number of examples for label 'PER' (1)" in warnings
    assert "No examples for texts WITHOUT new label 'PER'" in warnings
