import typer

app = typer.Typer(
    name="lexloom",
    help="lexloom: industrial-strength NLP with a native core (spaCy-compatible commands).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
