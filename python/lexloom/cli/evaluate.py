"""`lexloom evaluate`: score a saved pipeline on a .spacy corpus, print and save the scores."""
from pathlib import Path
from typing import Any, Optional

import typer

from ._app import app
from .benchmark_speed import benchmark_app

# Table label -> score key, in spaCy's order.
METRICS = {"TOK": "token_acc", "TAG": "tag_acc", "POS": "pos_acc", "MORPH": "morph_acc",
           "LEMMA": "lemma_acc", "UAS": "dep_uas", "LAS": "dep_las", "NER P": "ents_p",
           "NER R": "ents_r", "NER F": "ents_f", "TEXTCAT": "cats_score", "SENT P": "sents_p",
           "SENT R": "sents_r", "SENT F": "sents_f", "SPEED": "speed"}


def evaluate(model: str, data_path: Path, output: Optional[Path] = None, use_gpu: int = -1,
             gold_preproc: bool = False, displacy_path: Optional[Path] = None,
             displacy_limit: int = 25, silent: bool = True, spans_key: str = "sc",
             per_component: bool = False) -> dict[str, Any]:
    """Score the pipeline `model` on a .spacy corpus; print the table unless silent, write
    the scores as JSON to `output`, and render the first `displacy_limit` parses and
    entities as HTML into `displacy_path`. Returns the scores (per component with
    per_component)."""
    import srsly
    from thinc.api import fix_random_seed

    from .. import load
    from ..errors import ConfigError
    from ..training.corpus import Corpus
    from ..training.loggers import message, table
    from ..training.loop import setup_gpu

    fix_random_seed(0)
    if not silent:
        setup_gpu(use_gpu)
    data_path = Path(data_path)
    if not data_path.exists():
        raise ConfigError(f"Evaluation data not found: {data_path}")
    if displacy_path is not None and not Path(displacy_path).exists():
        raise ConfigError(f"Visualization output directory not found: {displacy_path}")
    nlp = load(model)
    examples = list(Corpus(data_path, gold_preproc=gold_preproc)(nlp))
    if not examples:
        raise ConfigError(f"The evaluation data {data_path} has no (non-empty) documents.")
    scores = nlp.evaluate(examples, per_component=per_component) if per_component \
        else nlp.evaluate(examples)
    if per_component:
        data = scores
        if output is None and not silent:
            print(message("warn", "--per-component needs --output to save the scores."))
    else:
        results = score_table(scores, spans_key)
        if not silent:
            print(table(results, title="Results"))
            print_scores_per_type(scores, spans_key)
        data = scores  # every score, null ones included, as spaCy writes them
    if displacy_path is not None:
        factories = {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
        docs = list(nlp.pipe(ex.reference.text for ex in examples[:displacy_limit]))
        render_parses(docs, Path(displacy_path),
                      model_name=model, limit=displacy_limit, deps="parser" in factories,
                      ents="ner" in factories, spans="spancat" in factories)
        if not silent:
            print(message("good", f"Generated {displacy_limit} parses as HTML", displacy_path))
    if output is not None:
        srsly.write_json(output, data)
        if not silent:
            print(message("good", f"Saved results to {output}"))
    return data


def render_parses(docs: list, output_path: Path, model_name: str = "", limit: int = 250,
                  deps: bool = True, ents: bool = True, spans: bool = True) -> None:
    """parses.html (dependency trees), entities.html and spans.html of the first `limit`
    docs, as `evaluate --displacy-path` writes them; the first doc's title is the model's
    name."""
    from .. import displacy

    docs = list(docs)[:limit]
    if not docs:
        return
    docs[0].user_data["title"] = model_name
    for wanted, style, name, options in ((deps, "dep", "parses", {"compact": True}),
                                         (ents, "ent", "entities", None),
                                         (spans, "span", "spans", None)):
        if wanted:
            html = displacy.render(docs, style=style, page=True, options=options or {})
            (output_path / f"{name}.html").write_text(html, encoding="utf8")


def print_prf_per_type(msg, scores: dict[str, dict[str, Any]], name: str, type: str) -> None:
    """A P / R / F table (percent) per label, titled "{name} (per {type})"; a score that
    is not a number (None: undefined) is shown as it is. msg: a wasabi Printer."""
    data = [[label] + [_percent(value[k]) for k in ("p", "r", "f")]
            for label, value in scores.items()]
    msg.table(data, header=("", "P", "R", "F"), aligns=("l", "r", "r", "r"),
              title=f"{name} (per {type})")


def print_textcats_auc_per_cat(msg, scores: dict[str, Any]) -> None:
    """The ROC AUC per text category (None where undefined). msg: a wasabi Printer."""
    data = [(label, f"{v:.2f}" if _is_number(v) else v) for label, v in scores.items()]
    msg.table(data, header=("", "ROC AUC"), aligns=("l", "r"),
              title="Textcat ROC AUC (per label)")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _percent(value):
    return f"{value * 100:.2f}" if _is_number(value) else value


@app.command("evaluate")
def evaluate_cli(
    model: str = typer.Argument(..., help="Model name or path"),
    data_path: Path = typer.Argument(..., help="Location of binary evaluation data in .spacy "
                                     "format", exists=True),
    output: Path = typer.Option(None, "--output", "-o", help="Output JSON file for metrics",
                                dir_okay=False),
    code_path: Path = typer.Option(None, "--code", "-c",
                                   help="Python file with additional code to import"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU id, or -1 for the CPU"),
    gold_preproc: bool = typer.Option(False, "--gold-preproc", "-G",
                                      help="Use gold tokenization and sentences"),
    displacy_path: Optional[Path] = typer.Option(
        None, "--displacy-path", "-dp", help="Directory to output rendered parses as HTML",
        exists=True, file_okay=False),
    displacy_limit: int = typer.Option(25, "--displacy-limit", "-dl",
                                       help="Limit of parses to render as HTML"),
    per_component: bool = typer.Option(False, "--per-component", "-P",
                                       help="Save scores per component (with --output)"),
    spans_key: str = typer.Option("sc", "--spans-key", "-sk",
                                  help="Spans key to use when evaluating Doc.spans"),
):
    """Evaluate a trained pipeline on annotated .spacy data: accuracy and speed."""
    from ..errors import LexloomError
    from ._util import import_code

    try:
        import_code(code_path)
        evaluate(model, data_path, output=output, use_gpu=use_gpu, gold_preproc=gold_preproc,
                 displacy_path=displacy_path, displacy_limit=displacy_limit, silent=False,
                 spans_key=spans_key, per_component=per_component)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)


benchmark_app.command("accuracy")(evaluate_cli)


def score_table(scores: dict, spans_key: str = "sc") -> dict:
    """The printed rows (label -> value) for the scores nlp.evaluate returned."""
    results = {}
    metrics = dict(METRICS)
    metrics.pop("SPEED")
    metrics.update({"SPAN P": f"spans_{spans_key}_p", "SPAN R": f"spans_{spans_key}_r",
                    "SPAN F": f"spans_{spans_key}_f", "SPEED": "speed"})
    for label, key in metrics.items():
        if key not in scores:
            continue
        value = scores[key]
        if key == "cats_score":
            label = f"{label} ({scores.get('cats_score_desc', 'unk')})"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            results[label] = f"{value:.0f}" if key == "speed" else f"{value * 100:.2f}"
        else:
            results[label] = "-"
    return results


def handle_scores_per_type(scores: dict, data: dict | None = None, *, spans_key: str = "sc",
                           silent: bool = False) -> dict:
    """spaCy's: print the per-type tables (unless silent) and copy the non-empty per-type
    scores into `data`; returns `scores`."""
    if not silent:
        print_scores_per_type(scores, spans_key=spans_key)
    data = {} if data is None else data
    for key in [key for key, _, _ in _prf_tables(spans_key)] + ["cats_auc_per_type"]:
        if scores.get(key):
            data[key] = scores[key]
    return scores


def _prf_tables(spans_key: str) -> tuple:
    """(score key, table name, row kind) of each per-type P/R/F table, in spaCy's order."""
    return (("morph_per_feat", "MORPH", "feat"), ("dep_las_per_type", "LAS", "type"),
            ("ents_per_type", "NER", "type"), (f"spans_{spans_key}_per_type", "SPANS", "type"),
            ("cats_f_per_type", "Textcat F", "label"))


def print_scores_per_type(scores: dict, spans_key: str = "sc") -> None:
    """The per-type tables spaCy's evaluate prints after the results, in its order."""
    from wasabi import Printer

    msg = Printer()
    for key, name, kind in _prf_tables(spans_key):
        if scores.get(key):
            print_prf_per_type(msg, scores[key], name, kind)
    if scores.get("cats_auc_per_type"):
        print_textcats_auc_per_cat(msg, scores["cats_auc_per_type"])
