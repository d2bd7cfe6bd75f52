"""`lexloom evaluate`: score a saved pipeline on a .spacy corpus, print and save the scores."""
import re
from pathlib import Path

import typer

from ._app import app

# Table label -> score key, in spaCy's order.
METRICS = {"TOK": "token_acc", "TAG": "tag_acc", "POS": "pos_acc", "MORPH": "morph_acc",
           "LEMMA": "lemma_acc", "UAS": "dep_uas", "LAS": "dep_las", "NER P": "ents_p",
           "NER R": "ents_r", "NER F": "ents_f", "TEXTCAT": "cats_score", "SENT P": "sents_p",
           "SENT R": "sents_r", "SENT F": "sents_f", "SPEED": "speed"}


@app.command("evaluate")
def evaluate_cli(
    model: str = typer.Argument(..., help="Path to a saved pipeline"),
    data_path: Path = typer.Argument(..., help="Evaluation data in .spacy format"),
    output: Path = typer.Option(None, "--output", "-o", help="Output JSON file for metrics",
                                dir_okay=False),
    code_path: Path = typer.Option(None, "--code", "-c",
                                   help="Python file with additional code to import"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU id, or -1 for the CPU"),
    gold_preproc: bool = typer.Option(False, "--gold-preproc", "-G",
                                      help="Use gold tokenization and sentences"),
    per_component: bool = typer.Option(False, "--per-component", "-P",
                                       help="Save scores per component (with --output)"),
):
    """Evaluate a trained pipeline on annotated .spacy data: accuracy and speed."""
    import srsly

    from ..errors import LexloomError
    from ..training.loggers import message, table
    from ..training.loop import evaluate_pipeline, setup_gpu
    from ..util import import_code

    try:
        import_code(code_path)
        setup_gpu(use_gpu)
        scores = evaluate_pipeline(model, data_path, gold_preproc=gold_preproc,
                                   per_component=per_component)
    except LexloomError as e:
        typer.echo(f"✘ {e}", err=True)
        raise typer.Exit(1)
    if per_component:
        data = scores
        if output is None:
            typer.echo(message("warn", "--per-component needs --output to save the scores."))
    else:
        results, data = score_table(scores)
        typer.echo(table(results, title="Results"))
        for key, label in (("morph_per_feat", "MORPH (per feat)"),
                           ("sents_per_type", "SENT (per type)"),
                           ("cats_f_per_type", "TEXTCAT F (per label)")):
            per_type = scores.get(key)
            if isinstance(per_type, dict) and per_type:
                typer.echo(table({name: _prf(value) for name, value in per_type.items()},
                                 title=label))
                data[key] = per_type
    if output is not None:
        srsly.write_json(output, data)
        typer.echo(message("good", f"Saved results to {output}"))


def score_table(scores: dict) -> tuple[dict, dict]:
    """(the printed rows, the JSON data) for the scores nlp.evaluate returned."""
    results, data = {}, {}
    for label, key in METRICS.items():
        if key not in scores:
            continue
        value = scores[key]
        if key == "cats_score":
            label = f"{label} ({scores.get('cats_score_desc', 'unk')})"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            results[label] = f"{value:.0f}" if key == "speed" else f"{value * 100:.2f}"
        else:
            results[label] = "-"
        data[re.sub(r"[\s/]", "_", key.lower())] = value
    return results, data


def _prf(value) -> str:
    """'P 91.20  R 88.00  F 89.57' for a {"p", "r", "f"} dict; the value itself otherwise."""
    if isinstance(value, dict) and all(k in value for k in ("p", "r", "f")):
        return "  ".join(f"{k.upper()} {float(value[k]) * 100:6.2f}" for k in ("p", "r", "f"))
    return str(value)
