"""`lexloom demo`: the main job on the built-in example, end to end."""
import tempfile
import time
from typing import Optional

import typer

from ._app import app

# The pipeline the demo annotates with when none is named: lexloom's own English pipeline,
# trained on UD English EWT + UNER English EWT and shipped inside the package
# (lexloom/data/pipelines/en_lexloom_sm, rebuilt by benchmarks/train_en_pipeline.py).
DEFAULT_PIPELINE = "en_lexloom_sm"


def run_demo(echo=print, pipeline: Optional[str] = None) -> bool:
    """Annotate the sample texts with a trained pipeline (lexloom's own by default) and time
    it; then tokenize the sample text, convert the sample CoNLL-U to .spacy and read it back,
    and train a small tagger and parser on it. Returns True when every step did what it
    should."""
    ok = annotate_demo(pipeline, echo)
    return run_builtin_demo(echo) and ok


def annotate_demo(pipeline: Optional[str], echo=print) -> bool:
    """Load a trained pipeline by name or path (default: the built-in en_lexloom_sm), print
    its annotations of the sample text, its entities, and its words/s over the sample texts."""
    import lexloom
    from lexloom.data import SAMPLE_CONLLU, SAMPLE_TEXT

    from lexloom.errors import PipelineNotFoundError

    name = pipeline or DEFAULT_PIPELINE
    start = time.perf_counter()
    try:
        nlp = lexloom.load(name)
    except PipelineNotFoundError as e:
        echo(f"{e}\n")
        return False
    echo(f"Loaded {name} ({', '.join(nlp.pipe_names)}) in {time.perf_counter() - start:.2f} s")
    text = SAMPLE_TEXT.read_text(encoding="utf-8").strip()
    doc = nlp(text)
    echo(f"  {'text':<24} {'tag':<6} {'pos':<6} {'lemma':<24} {'dep':<10} head")
    for t in doc:
        echo(f"  {t.text:<24} {t.tag_:<6} {t.pos_:<6} {t.lemma_:<24} {t.dep_:<10} {t.head.i}")
    echo("  entities: " + (", ".join(f"{e.text} ({e.label_})" for e in doc.ents) or "(none)"))
    texts = [text] + [line[len("# text = "):] for line in
                      SAMPLE_CONLLU.read_text(encoding="utf-8").splitlines()
                      if line.startswith("# text = ")]
    batch = texts * 250
    start = time.perf_counter()
    words = sum(len(d) for d in nlp.pipe(batch))
    elapsed = time.perf_counter() - start
    echo(f"Annotated {len(batch)} docs ({words} words) in {elapsed:.2f} s: "
         f"{words / elapsed:,.0f} words/s\n")
    return len(doc) > 0 and all(t.tag_ for t in doc)


def run_builtin_demo(echo=print) -> bool:
    """Tokenize the sample text, convert the sample CoNLL-U to .spacy and read it back, then
    train a small tagger and parser on it."""
    import lexloom
    from lexloom.data import SAMPLE_CONLLU, SAMPLE_TEXT
    from lexloom.tokens import DocBin
    from lexloom.training.converters import convert, docs_from_file

    nlp = lexloom.blank("en")
    doc = nlp(SAMPLE_TEXT.read_text(encoding="utf-8").strip())
    echo(f"Tokenized {len(doc)} tokens from {SAMPLE_TEXT.name}:")
    echo(f"  {'i':>3} {'idx':>4}  {'text':<28} {'lower':<28} {'shape':<8} flags")
    for t in doc:
        flags = [name for name in ("is_alpha", "is_punct", "like_num", "like_url",
                                   "like_email", "is_stop") if getattr(t, name)]
        echo(f"  {t.i:>3} {t.idx:>4}  {t.text:<28} {t.lower_:<28} {t.shape_:<8} "
             f"{','.join(flags)}")
    assert doc.text == SAMPLE_TEXT.read_text(encoding="utf-8").strip()
    with tempfile.TemporaryDirectory() as tmp:
        out = convert(SAMPLE_CONLLU, tmp, "conllu", n_sents=10)
        echo(f"\nConverted {SAMPLE_CONLLU.name} -> {out.name} ({out.stat().st_size} bytes)")
        docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
        expected = list(docs_from_file(SAMPLE_CONLLU, "conllu", 10, vocab=nlp.vocab))
        ok = True
        for got, want in zip(docs, expected):
            for a, b in zip(got, want):
                same = (a.text, a.tag_, a.pos_, str(a.morph), a.lemma_, a.head.i, a.dep_,
                        a.is_sent_start) == (b.text, b.tag_, b.pos_, str(b.morph), b.lemma_,
                                             b.head.i, b.dep_, b.is_sent_start)
                ok &= same
        echo(f"Read back {len(docs)} doc(s), {sum(len(d) for d in docs)} tokens:")
        for d in docs:
            for sent in d.sents:
                echo("  " + " ".join(f"{t.text}/{t.pos_}/{t.dep_}->{t.head.i}" for t in sent))
        echo("Round trip: " + ("identical" if ok else "DIFFERENT"))
    ok &= train_tagger_demo(expected, echo)
    return ok


def train_tagger_demo(gold_docs, echo=print) -> bool:
    """Train tok2vec + tagger + parser on the sample's annotated sentences, then tag and
    parse a new sentence."""
    import lexloom
    from lexloom.training import Example
    from lexloom.util import fix_random_seed

    fix_random_seed(0)   # the same weights, losses and parse on every run
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("tagger")
    # spaCy drops labels seen fewer than min_action_freq (30) times: the sample is tiny
    nlp.add_pipe("parser", config={"min_action_freq": 1})
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold_docs]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        losses = nlp.update(examples, sgd=optimizer, drop=0.1)
    scores = nlp.evaluate(examples)
    echo(f"\nTrained tok2vec + tagger + parser on {len(examples)} sample doc(s): final losses "
         f"tagger {losses['tagger']:.3f}, parser {losses['parser']:.3f}; on the sample: tag "
         f"accuracy {scores['tag_acc']:.3f}, UAS {scores['dep_uas']:.3f}, "
         f"LAS {scores['dep_las']:.3f}")
    doc = nlp("Ada weaves two looms in Lisbon.")
    echo("Tagged and parsed: " + " ".join(f"{t.text}/{t.tag_}/{t.dep_}->{t.head.i}"
                                          for t in doc))
    return scores["tag_acc"] > 0.9 and scores["dep_uas"] > 0.9


@app.command("demo")
def demo_cli(pipeline: Optional[str] = typer.Option(
        None, "--pipeline", "-p", help="Trained pipeline (package name, built-in name or path) "
        f"to annotate with (default: the built-in {DEFAULT_PIPELINE})")):
    """Annotate sample texts with a trained pipeline (lexloom's own en_lexloom_sm unless one
    is named) and say how fast; tokenize a sample text, convert a sample CoNLL-U file to
    .spacy and back, and train a small tagger and parser on it."""
    if not run_demo(typer.echo, pipeline):
        raise typer.Exit(1)
