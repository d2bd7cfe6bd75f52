"""`lexloom debug diff-config`: how a config differs from the default one `init config`
writes for its language and pipeline (or from another config)."""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

import typer

from ._util import fail, say
from .debug import debug_app
from .init_config import Optimizations


def debug_diff(config_path: Path, compare_to: Path | None, gpu: bool,
               optimize: Optimizations, pretraining: bool, markdown: bool) -> str:
    """Print (and return) the diff from the default config for the config's [nlp] lang and
    pipeline (or from `compare_to`) to the config: "+" lines are the config's own, "-" lines
    the default's. With `markdown`, the diff is a ```diff block."""
    from ..training.config_templates import make_config
    from ..util import load_config

    user_config = load_config(config_path)
    if compare_to:
        other_config = load_config(compare_to)
    else:
        lang = user_config["nlp"]["lang"]
        pipeline = list(user_config["nlp"]["pipeline"])
        say("info", f"Found user-defined language: '{lang}'")
        say("info", f"Found user-defined pipelines: {pipeline}")
        other_config = make_config(lang=lang, pipeline=pipeline,
                                   optimize=getattr(optimize, "value", optimize), gpu=gpu,
                                   pretraining=pretraining)
        # The default in the user's order of blocks and settings: a config that spaCy's
        # `init config` wrote (its own order) shows only the settings that differ.
        other_config = _in_order_of(other_config, user_config)
    user = user_config.to_str()
    other = other_config.to_str()
    if user == other:
        say("warn", "No diff to show: configs are identical")
        return ""
    lines = diff_lines(other, user, symbols=markdown or not sys.stdout.isatty())
    text = "\n".join(lines)
    print(f"```diff\n{text}\n```" if markdown else text)
    return text


def _in_order_of(config, reference):
    """The config (a new Config) with the blocks and settings that `reference` also has in
    `reference`'s order, the others after them in their own order."""
    from confection import Config

    def order(node, ref):
        if not isinstance(node, dict):
            return node
        ref = ref if isinstance(ref, dict) else {}
        keys = [k for k in ref if k in node] + [k for k in node if k not in ref]
        return {k: order(node[k], ref.get(k)) for k in keys}

    return Config(order(dict(config), dict(reference)))


def diff_lines(a: str, b: str, *, symbols: bool) -> list[str]:
    """The lines of b against a: lines only in b ("+ " or green), then lines only in a
    ("- " or red), in place."""
    a_lines, b_lines = a.split("\n"), b.split("\n")
    out = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, a_lines, b_lines).get_opcodes():
        if op == "equal":
            out.extend(a_lines[a0:a1])
            continue
        if op in ("insert", "replace"):
            out.extend(_mark(line, "+", 2, symbols) for line in b_lines[b0:b1])
        if op in ("delete", "replace"):
            out.extend(_mark(line, "-", 1, symbols) for line in a_lines[a0:a1])
    return out


def _mark(line: str, symbol: str, colour: int, symbols: bool) -> str:
    return f"{symbol} {line}" if symbols else f"\x1b[48;5;{colour}m{line}\x1b[0m"


@debug_app.command("diff-config",  # spaCy's takes (and ignores) config overrides too
                   context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def debug_diff_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to config file", exists=True,
                                       allow_dash=True),
    compare_to: Path | None = typer.Option(
        None, help="Path to a config file to diff against, or `None` to compare against "
                   "the default settings"),
    optimize: Optimizations = typer.Option(
        Optimizations.efficiency.value, "--optimize", "-o",
        help="Whether the user config was optimized for efficiency or accuracy. Only "
             "relevant when comparing against the default config."),
    gpu: bool = typer.Option(False, "--gpu", "-G",
                             help="Whether the original config can run on a GPU. Only "
                                  "relevant when comparing against the default config."),
    pretraining: bool = typer.Option(False, "--pretraining", "--pt",
                                     help="Whether to compare on a config with pretraining "
                                          "involved. Only relevant when comparing against "
                                          "the default config."),
    markdown: bool = typer.Option(False, "--markdown", "-md",
                                  help="Generate Markdown for GitHub issues"),
):
    """Show how a config differs from the default config for its language and pipeline
    (or from another config)."""
    from ..errors import LexloomError

    try:
        debug_diff(config_path, compare_to, gpu, optimize, pretraining, markdown)
    except LexloomError as e:
        fail(str(e))
