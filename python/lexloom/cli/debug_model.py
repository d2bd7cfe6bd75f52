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
    on a few sample sentences when it can't be read), STEP 2 after three updates with the
    config's optimizer (their losses printed; the gradients shown are those of a fourth
    batch, not applied), STEP 3 the prediction; print_settings choose the steps and what is
    shown per layer (layer indices in model.walk(), dims, params, grads, attrs)."""
    from thinc.api import Model, set_dropout_rate

    from ..training import Example
    from ..training.initialize import resolve_corpus
    from ..training.loggers import divider

    model = getattr(pipe, "model", None)
    if not isinstance(model, Model):
        fail(f"The component '{pipe}' does not hold a Thinc Model to analyse.")
    settings = print_settings or {}
    say("info", f"Analysing model with ID {model.id}")
    if settings.get("print_before_training"):
        print(divider("STEP 0 - before training"))
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
        print(divider("STEP 1 - after initialization"))
        _print_model(model, settings)
    set_dropout_rate(model, 0.2)
    upstream = None
    if model.has_ref("tok2vec"):
        ref_name = model.get_ref("tok2vec").name
        for kind, component in (("tok2vec-listener", "tok2vec"),
                                ("transformer-listener", "transformer")):
            if kind in ref_name and component in nlp.pipe_names:
                upstream = nlp.get_pipe(component)
    # three steps with the config's optimizer, then one more batch whose gradients are kept
    # (not applied) so that -GRAD shows them
    optimizer = resolved_train_config.get("optimizer")
    for step in range(4):
        sgd = optimizer if step < 3 else None
        losses: dict[str, float] = {}
        if upstream is not None:
            upstream.update(examples, sgd=sgd, losses=losses)
        pipe.update(examples, sgd=sgd, losses=losses)
        if sgd is not None:
            say("info", f"Update {step + 1}: loss {losses.get(pipe.name, 0.0):.4g}")
    if settings.get("print_after_training"):
        print(divider("STEP 2 - after training"))
        _print_model(model, settings)
    prediction = model.predict([eg.predicted for eg in examples])
    if settings.get("print_prediction"):
        print(divider("STEP 3 - prediction"))
        say("info", _describe_prediction(prediction))
    say("good", "Successfully ended analysis - model looks good.")


def _print_model(model, settings: dict) -> None:
    """One ℹ line per layer of model.walk() (all, or the indices in settings["layers"]),
    then, as asked, a line per dimension, parameter, gradient and attribute."""
    wanted = settings.get("layers") or []
    for i, layer in enumerate(model.walk()):
        if wanted and i not in wanted:
            continue
        say("info", f"Layer {i}: model ID {layer.id}: '{layer.name}'")
        if settings.get("dimensions"):
            for name in layer.dim_names:
                say("info", f" - dim {name}: {layer.maybe_get_dim(name)}")
        if settings.get("parameters"):
            for name in layer.param_names:
                value = layer.get_param(name) if layer.has_param(name) else None
                say("info", f" - param {name}: {describe_array(value)}")
        if settings.get("gradients"):
            for name in layer.param_names:
                value = layer.get_grad(name) if layer.has_grad(name) else None
                say("info", f" - grad {name}: {describe_array(value)}")
        if settings.get("attributes"):
            for name, value in layer.attrs.items():
                say("info", f" - attr {name}: {value}")


def _describe_prediction(prediction) -> str:
    """The shapes and statistics of the predicted arrays, then the prediction as printed."""
    items = prediction if isinstance(prediction, (list, tuple)) else [prediction]
    shapes = [describe_array(item) for item in items if hasattr(item, "shape")]
    return "".join(f"{line}\n" for line in shapes) + str(prediction)


def describe_array(value) -> str:
    """An array in one line: its shape, mean/std/min/max (to see an unset, exploding or
    vanishing parameter at a glance) and its first five values; "None" when unset."""
    if value is None or isinstance(value, bool):
        return str(value)
    import numpy

    array = numpy.asarray(value.get() if hasattr(value, "get") else value, dtype="f8")
    stats = (f"mean {array.mean():.4g}, std {array.std():.4g}, min {array.min():.4g}, "
             f"max {array.max():.4g}" if array.size else "empty")
    sample = array
    for _ in range(array.ndim - 1):
        sample = sample[0]
    return f"{tuple(array.shape)} - {stats} - sample: {numpy.round(sample[:5], 4)}"


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
    from ..language import config_language
    from ..training.initialize import load_training_config, resolve_training
    from ..training.loop import setup_gpu
    from ._util import parse_config_overrides

    wanted = [x.strip() for x in layers.split(",") if x.strip()]
    if not all(x.isdigit() for x in wanted):
        fail(f"--layers takes comma-separated layer numbers (as printed: 'Layer 3: ...'), "
             f"got '{layers}'.")
    settings = {"layers": [int(x) for x in wanted],
                "dimensions": dimensions, "parameters": parameters, "gradients": gradients,
                "attributes": attributes, "print_before_training": P0,
                "print_after_init": P1, "print_after_training": P2, "print_prediction": P3}
    try:
        setup_gpu(use_gpu)
        config = load_training_config(config_path, parse_config_overrides(list(ctx.args)))
        nlp = config_language(config).from_config(config, auto_fill=True)
        if component not in nlp.pipe_names:
            fail(f"No pipe named '{component}' found in the config: {nlp.pipe_names}")
        T = resolve_training(nlp.config.interpolate())
        if T.get("seed") is not None:   # as spaCy: the same config prints the same weights
            from thinc.api import fix_random_seed

            say("info", f"Fixing random seed: {T['seed']}")
            fix_random_seed(T["seed"])
        debug_model(nlp.config, T, nlp, nlp.get_pipe(component), print_settings=settings)
    except LexloomError as e:
        fail(str(e))
