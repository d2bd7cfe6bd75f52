"""`lexloom debug model`: watch a component's Thinc model through initialization, three
updates and a prediction, printing its layers (dims, params, gradients, attrs)."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import typer

from ._util import fail, say
from .debug import debug_app

SENTENCES = ["Apple is looking at buying U.K. startup for $1 billion",
             "Autonomous cars shift insurance liability toward manufacturers",
             "San Francisco considers banning sidewalk delivery robots",
             "London is a big city in the United Kingdom."]


def debug_model(config, resolved_train_config: dict, nlp, pipe, *,
                print_settings: dict[str, Any] | None = None) -> None:
    """STEP 0 before initialization, STEP 1 after initializing on the training corpus (or
    on a few sample sentences when it can't be read), STEP 2 after three updates, STEP 3 the
    prediction; print_settings choose the steps and what is shown per layer."""
    from thinc.api import Model, set_dropout_rate

    from ..training import Example
    from ..training.initialize import resolve_corpus

    model = getattr(pipe, "model", None)
    if not isinstance(model, Model):
        fail(f"The component '{pipe}' does not hold a Thinc Model to analyse.")
    settings = print_settings or {}
    say("info", f"Analysing model with ID {model.id}")
    if settings.get("print_before_training"):
        print("\n=== STEP 0 - before training ===")
        _print_model(model, settings)
    try:
        corpus = resolve_corpus(config.interpolate(), resolved_train_config["train_corpus"],
                                config)
        nlp.initialize(lambda: corpus(nlp))
        examples = list(itertools.islice(corpus(nlp), 5))
        say("info", "Initialized the model with the training corpus.")
    except (ValueError, OSError):
        examples = [Example.from_dict(doc, {}) for doc in nlp.tokenizer.pipe(SENTENCES)]
        try:
            nlp.initialize(lambda: examples)
        except ValueError as e:
            fail("Could not initialize the model: you'll have to provide a valid "
                 "'train_corpus' argument in the config file.", e)
        say("info", "Initialized the model with dummy data.")
    if settings.get("print_after_init"):
        print("\n=== STEP 1 - after initialization ===")
        _print_model(model, settings)
    set_dropout_rate(model, 0.2)
    upstream = None
    if model.has_ref("tok2vec"):
        ref_name = model.get_ref("tok2vec").name
        for kind, component in (("tok2vec-listener", "tok2vec"),
                                ("transformer-listener", "transformer")):
            if kind in ref_name and component in nlp.pipe_names:
                upstream = nlp.get_pipe(component)
    for _ in range(3):
        if upstream is not None:
            upstream.update(examples)
        pipe.update(examples)
    if settings.get("print_after_training"):
        print("\n=== STEP 2 - after training ===")
        _print_model(model, settings)
    prediction = model.predict([eg.predicted for eg in examples])
    if settings.get("print_prediction"):
        print("\n=== STEP 3 - prediction ===")
        say("info", str(prediction))
    say("good", "Successfully ended analysis - model looks good.")


def _print_model(model, settings: dict) -> None:
    wanted = settings.get("layers") or []
    for i, layer in enumerate(model.walk()):
        if wanted and i not in wanted:
            continue
        parts = [f"Layer {i}: model ID {layer.id}: '{layer.name}'"]
        if settings.get("dimensions"):
            parts.append(f"dims {({d: layer.maybe_get_dim(d) for d in layer.dim_names})}")
        if settings.get("parameters"):
            parts.append(f"params {_arrays(layer, layer.param_names, layer.has_param, layer.get_param)}")
        if settings.get("gradients"):
            parts.append(f"grads {_arrays(layer, layer.grad_names, layer.has_grad, layer.get_grad)}")
        if settings.get("attributes"):
            parts.append(f"attrs {sorted(layer.attrs)}")
        print(" - ".join(parts))


def _arrays(layer, names, has, get) -> dict:
    return {name: (tuple(get(name).shape) if has(name) else None) for name in names}


@debug_app.command("model", context_settings={"allow_extra_args": True,
                                              "ignore_unknown_options": True})
def debug_model_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file", exists=True,
                                       allow_dash=True),
    component: str = typer.Argument(..., help="Name of the pipeline component of which the "
                                    "model should be analysed"),
    layers: str = typer.Option("", "--layers", "-l",
                               help="Comma-separated names of layer IDs to print"),
    dimensions: bool = typer.Option(False, "--dimensions", "-DIM", help="Show dimensions"),
    parameters: bool = typer.Option(False, "--parameters", "-PAR", help="Show parameters"),
    gradients: bool = typer.Option(False, "--gradients", "-GRAD", help="Show gradients"),
    attributes: bool = typer.Option(False, "--attributes", "-ATTR", help="Show attributes"),
    P0: bool = typer.Option(False, "--print-step0", "-P0", help="Print model before training"),
    P1: bool = typer.Option(False, "--print-step1", "-P1",
                            help="Print model after initialization"),
    P2: bool = typer.Option(False, "--print-step2", "-P2", help="Print model after training"),
    P3: bool = typer.Option(False, "--print-step3", "-P3", help="Print final predictions"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU ID or -1 for CPU"),
):
    """Analyse a component's model step by step (initialization, updates, prediction)."""
    from ..errors import LexloomError
    from ..language import Language
    from ..training.initialize import load_training_config, resolve_training
    from ..training.loop import setup_gpu
    from ..util import parse_overrides

    settings = {"layers": [int(x) for x in layers.split(",") if x.strip()],
                "dimensions": dimensions, "parameters": parameters, "gradients": gradients,
                "attributes": attributes, "print_before_training": P0,
                "print_after_init": P1, "print_after_training": P2, "print_prediction": P3}
    try:
        setup_gpu(use_gpu)
        config = load_training_config(config_path, parse_overrides(list(ctx.args)))
        nlp = Language.from_config(config, auto_fill=True)
        if component not in nlp.pipe_names:
            fail(f"No pipe named '{component}' found in the config: {nlp.pipe_names}")
        T = resolve_training(nlp.config.interpolate())
        debug_model(nlp.config, T, nlp, nlp.get_pipe(component), print_settings=settings)
    except LexloomError as e:
        fail(str(e))
