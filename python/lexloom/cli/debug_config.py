"""`lexloom debug config CONFIG_PATH [--section.key value ...]`: validate a training config."""
from pathlib import Path
from typing import Optional

import typer

from ..frozen_defaults import SimpleFrozenDict
from ._util import existing_path_or_dash
from .debug import debug_app

_NO_OVERRIDES = SimpleFrozenDict()  # spaCy's default: empty, read-only


@debug_app.command(
    "config",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def debug_config_cli(
    ctx: typer.Context,
    config_path: Path = typer.Argument(..., help="Path to the config file, or - for stdin",
                                       allow_dash=True, callback=existing_path_or_dash),
    code_path: Optional[Path] = typer.Option(
        None, "--code-path", "--code", "-c",
        help="Python file with your own registered functions, imported first"),
    show_funcs: bool = typer.Option(
        False, "--show-functions", "-F",
        help="List the registered functions the config uses and where they are defined"),
    show_vars: bool = typer.Option(
        False, "--show-variables", "-V",
        help="List the ${...} variables the config uses and their values (after overrides)"),
):
    """Validate a config: registered names, sections and settings, the pipeline, and every
    block it builds. Override settings like `lexloom train`: --training.max_steps 100."""
    from ..errors import LexloomError
    from ._util import import_code, parse_config_overrides

    try:
        overrides = parse_config_overrides(ctx.args)
        import_code(code_path)
    except LexloomError as e:
        typer.echo(f"✘ {e}")
        raise typer.Exit(1)
    debug_config(config_path, overrides=overrides, show_funcs=show_funcs, show_vars=show_vars)


def debug_config(config_path: Path, *, overrides: dict = _NO_OVERRIDES,
                 show_funcs: bool = False, show_vars: bool = False) -> None:
    """Validate a config (with dotted overrides) and print what is wrong and where; exit
    with status 1 when it is invalid. show_vars / show_funcs list the ${...} variables and
    the registered functions it uses."""
    from ..training.config_tools import check_config, config_variables, registered_functions

    overrides = overrides or {}
    config_path = Path(config_path)
    if str(config_path) != "-" and not config_path.exists():
        typer.echo(f"✘ [lexloom] Config file {config_path} doesn't exist.")
        raise typer.Exit(1)
    typer.echo("=== Config validation ===")
    report = check_config(config_path, overrides)
    for warning in report.warnings:
        typer.echo(f"⚠ {warning}")
    if not report.ok:
        typer.echo(f"✘ {config_path}: {len(report.errors)} error"
                   f"{'s' if len(report.errors) > 1 else ''} ({report.stage})")
        for error in report.errors:
            typer.echo(f"✘ {error}")
        raise typer.Exit(1)
    typer.echo(f"✔ Config is valid: {config_path}")
    if show_vars:
        variables = config_variables(report.config, report.interpolated)
        typer.echo(f"=== Variables ({len(variables)}) ===")
        width = max((len(v) for v in variables), default=0)
        for name, value in variables.items():
            typer.echo(f"{name:<{width}}  {value!r}")
    if show_funcs:
        funcs = registered_functions(report.config)
        typer.echo(f"=== Registered functions ({len(funcs)}) ===")
        for func in funcs:
            typer.echo(f"ℹ [{func['path']}] @{func['registry']} = \"{func['name']}\"")
            typer.echo(f"    module: {func['module']}")
            typer.echo(f"    file:   {func['file']} (line {func['line_no']})")
