"""`lexloom validate`: are the installed pipeline packages compatible with this lexloom?

lexloom loads pipelines saved for spaCy 3.8; a package is compatible when the spaCy version
range in its meta.json admits a 3.8 release. Nothing is fetched from the network, so no
update suggestions are made beyond naming the incompatible packages."""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

from ..pipeline_folder import SPACY_MINOR
from ._app import app
from ._util import say


def get_model_pkgs(silent: bool = False) -> tuple[dict, dict]:
    """({package: {"name", "version", "spacy", "compat"}}, {}): the installed pipeline
    packages and whether each can run here. The second value (spaCy's online compatibility
    table) is always empty."""
    from ..loading import _installed_pipelines, get_package_data_path, load_meta

    packages = {}
    for name, version in _installed_pipelines().items():
        try:
            with warnings.catch_warnings():  # the table says it; no W095 per package
                warnings.simplefilter("ignore")
                meta = load_meta(get_package_data_path(name) / "meta.json")
        except (OSError, ValueError):
            meta = {}
        spec = str(meta.get("spacy_version", ""))
        packages[name] = {"name": name, "version": version, "spacy": spec,
                          "compat": is_compatible(spec)}
    return packages, {}


def reformat_version(version: str) -> str:
    """spaCy's: an old "-alpha" version in pip's form ("3.0.0-alpha" -> "3.0.0a0")."""
    if version.endswith("-alpha"):
        return version.replace("-alpha", "a0")
    return version.replace("-alpha", "a")


def is_compatible(spec: str) -> bool:
    """Whether a meta.json spacy_version range (">=3.8.0,<3.9.0") admits a spaCy 3.8
    release, i.e. whether lexloom can load the pipeline."""
    from ..pipeline_folder import admits_spacy_minor

    return admits_spacy_minor(spec)


def validate() -> None:
    """Print the installed pipeline packages with their spaCy version range and whether
    lexloom can load them; exit with status 1 if one can't."""
    from ..about import __lexloom_version__, __version__
    from ..training.loggers import divider, row

    packages, _ = get_model_pkgs()
    print(divider(f"Installed pipeline packages (lexloom v{__lexloom_version__}, spaCy "
                  f"v{__version__} API)"))
    say("info", f"lexloom installation: {Path(__file__).parent.parent}")
    if not packages:
        print("No pipeline packages found in your current environment.")
        return
    widths = (max(len("NAME"), *(len(n) for n in packages)),
              max(len("SPACY"), *(len(p["spacy"]) for p in packages.values())),
              max(len("VERSION"), *(len(p["version"]) for p in packages.values())), 4)
    print(row(("NAME", "SPACY", "VERSION", ""), widths))
    for data in packages.values():
        print(row((data["name"], data["spacy"], data["version"],
                   "✔" if data["compat"] else "--> n/a"), widths))
    incompatible = [name for name, data in packages.items() if not data["compat"]]
    if incompatible:
        say("info", f"The following packages are custom pipelines or not made for spaCy "
                    f"v{SPACY_MINOR} (which lexloom runs):", ", ".join(incompatible))
        sys.exit(1)


@app.command("validate")
def validate_cli():
    """Check that the installed pipeline packages can be loaded by this version of
    lexloom."""
    validate()
