"""`lexloom package`: turn a pipeline folder into an installable Python package (sdist
and/or wheel) that `lexloom.load("<lang>_<name>")` finds once pip-installed."""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import typer

from ..frozen_defaults import SimpleFrozenList
from ._app import app
from ._util import fail, import_code, say

DOC_FILES = ("LICENSE", "LICENSES_SOURCES", "README.md")

SETUP_PY = '''#!/usr/bin/env python
"""Setup for a pipeline package written by `lexloom package`."""
import json
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).parent
META = json.loads((HERE / "meta.json").read_text(encoding="utf8"))
NAME = f"{META['lang']}_{META['name']}" if not META["name"].startswith(META["lang"] + "_") \\
    else META["name"]
DATA = [str(p.relative_to(HERE / NAME)) for p in (HERE / NAME).rglob("*")
        if p.is_file() and not p.name.startswith(".")]
README = HERE / "README.md"

setup(
    name=NAME,
    version=META["version"],
    description=META.get("description", ""),
    long_description=README.read_text(encoding="utf8") if README.exists() else "",
    long_description_content_type="text/markdown",
    author=META.get("author"),
    author_email=META.get("email"),
    url=META.get("url"),
    license=META.get("license"),
    packages=[NAME],
    package_data={NAME: DATA},
    install_requires=META.get("requirements", []),
    entry_points={"spacy_models": [f"{NAME} = {NAME}:load"]},
    zip_safe=False,
)
'''

MANIFEST = "include meta.json\ninclude LICENSE\ninclude LICENSES_SOURCES\ninclude README.md\n"

INIT_PY = '''"""A trained pipeline packaged with `lexloom package`: load() returns it."""
import json
from pathlib import Path

{imports}
DATA_DIR = {data_dir}
__version__ = json.loads((Path(__file__).parent / DATA_DIR / "meta.json")
                         .read_text(encoding="utf8"))["version"]


def load(**overrides):
    import lexloom

    return lexloom.load(Path(__file__).parent / DATA_DIR, **overrides)
'''

_NO_CODE = SimpleFrozenList()  # spaCy's default: empty, read-only


def package(input_dir: Path, output_dir: Path, meta_path: Path | None = None,
            code_paths: list[Path] = _NO_CODE, name: str | None = None,
            version: str | None = None, create_meta: bool = False,
            create_sdist: bool = True, create_wheel: bool = False,
            require_parent: bool = False, force: bool = False, silent: bool = True) -> Path:
    """Write the package folder output_dir/<lang>_<name>-<version> (setup.py, meta.json,
    README.md, the pipeline data, the code files imported by its __init__.py) and build it
    with `python -m build` (setup.py when build is missing). Returns the package folder."""
    from ..about import __version__
    from ..errors import ConfigError

    input_dir, output_dir = Path(input_dir), Path(output_dir)
    if not input_dir.exists():
        raise ConfigError(f"Can't locate pipeline data: {input_dir}")
    if not output_dir.exists():
        raise ConfigError(f"Output directory not found: {output_dir}")
    meta_file = Path(meta_path) if meta_path else input_dir / "meta.json"
    if not meta_file.is_file():
        raise ConfigError(f"Can't load pipeline meta.json: {meta_file}")
    from ..line_reader import read_json

    meta = read_json(meta_file, what="pipeline meta.json")
    if not isinstance(meta, dict):
        raise ConfigError(f"Invalid pipeline meta.json ({meta_file}): it must hold a JSON "
                          f"object, not a {type(meta).__name__}.")
    code_paths = [Path(p) for p in code_paths]
    for code_path in code_paths:
        if not code_path.exists():
            raise ConfigError(f"Can't find code file: {code_path}")
        import_code(code_path)   # before loading the pipeline, which may need it
    meta = pipeline_meta(input_dir, meta)
    if create_meta:
        meta = _ask_meta(meta)
    if name is not None:
        if not name.isidentifier() or not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise ConfigError(f"Model name ('{name}') is not a valid module name: use ASCII "
                              "letters, digits and underscores.")
        meta["name"] = name
    if version is not None:
        meta["version"] = version
    for key in ("lang", "name", "version"):
        if not meta.get(key):
            raise ConfigError(f"Invalid pipeline meta.json: no '{key}' ({meta_file}).")
    # they name folders and the package's module: no path separators, quotes or code
    for key, pattern in (("lang", r"[A-Za-z0-9_]+"), ("name", r"[A-Za-z0-9_]+"),
                         ("version", r"[A-Za-z0-9_.+!-]+")):
        if not isinstance(meta[key], str) or not re.fullmatch(pattern, meta[key]):
            raise ConfigError(f"Invalid pipeline meta.json ({meta_file}): {key} {meta[key]!r} "
                              "may only hold ASCII letters, digits and '_' (a version also "
                              "'.', '+', '!', '-').")
    requirements = list(meta.get("requirements", []))
    if (input_dir / "config.cfg").is_file():
        from ..util import load_config, split_requirement

        existing = [split_requirement(r)[0] for r in requirements]
        requirements += get_third_party_dependencies(load_config(input_dir / "config.cfg"),
                                                     exclude=existing)
    if require_parent and not any(r.startswith("lexloom") for r in requirements):
        requirements.append(f"lexloom>={__version__}")
    meta["requirements"] = requirements
    model_name = meta["name"] if meta["name"].startswith(meta["lang"] + "_") \
        else f"{meta['lang']}_{meta['name']}"
    model_name_v = f"{model_name}-{meta['version']}"
    main_path = output_dir / model_name_v
    package_path = main_path / model_name
    if package_path.exists():
        if not force:
            raise ConfigError(f"Package directory already exists: {package_path}. Delete it "
                              "or use --force to overwrite it.")
        shutil.rmtree(package_path)
    package_path.mkdir(parents=True)
    shutil.copytree(input_dir, package_path / model_name_v)
    (package_path / model_name_v / "meta.json").write_text(json.dumps(meta, indent=2),
                                                           encoding="utf8")
    for file_name in DOC_FILES:
        if (input_dir / file_name).exists():
            shutil.copy(input_dir / file_name, main_path)
    if not (main_path / "README.md").exists():
        (main_path / "README.md").write_text(
            f"# {model_name}\n\n{meta.get('description', '')}\n\n"
            f"| Feature | Description |\n| --- | --- |\n| **Name** | `{model_name}` |\n"
            f"| **Version** | `{meta['version']}` |\n"
            f"| **Components** | {', '.join(meta.get('components', [])) or 'n/a'} |\n",
            encoding="utf8")
    for code_path in code_paths:
        shutil.copy(code_path, package_path)
    (main_path / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf8")
    (main_path / "setup.py").write_text(SETUP_PY, encoding="utf8")
    (main_path / "MANIFEST.in").write_text(MANIFEST, encoding="utf8")
    imports = "\n".join(f"from . import {p.stem}  # noqa: F401" for p in code_paths)
    (package_path / "__init__.py").write_text(
        INIT_PY.format(imports=imports + "\n" if imports else "", data_dir=repr(model_name_v)),
        encoding="utf8")
    if not silent:
        say("good", f"Successfully created package directory '{model_name_v}'", main_path)
    for kind, wanted in (("sdist", create_sdist), ("wheel", create_wheel)):
        if wanted:
            if not silent:
                say("info", f"Building the {kind}...")
            _build(main_path, kind)
            if not silent:
                say("good", f"Successfully created {kind}", main_path / "dist")
    return main_path


# distributions a packaged pipeline never lists: lexloom itself and what it installs with
_OWN_PACKAGES = ("lexloom", "spacy", "spacy-legacy", "spacy-nightly", "thinc", "srsly")


def get_third_party_dependencies(config, exclude: list[str] = ()) -> list[str]:
    """Requirements ("pkg>=x.y.0,<x.(y+1).0") for the installed packages that define the
    registered functions and factories a pipeline config's [nlp] and [components] use, so
    the package installs them (spacy-transformers, ...). lexloom's own, `exclude`d ones and
    functions from --code files (no package) are left out; a name no registry knows is
    skipped (language-specific factories are looked up as "{lang}.{name}" first)."""
    from importlib.metadata import PackageNotFoundError, version

    from ..registry import registry
    from ..util import get_minor_version_range, packages_distributions, walk_dict

    wanted: set[tuple[str, str]] = set()
    for section in ("nlp", "components"):
        for path, value in walk_dict(dict(config.get(section, {}))):
            if str(path[-1]).startswith("@") and isinstance(value, str):
                wanted.add((path[-1][1:], value))
    for component in config.get("components", {}).values():
        if isinstance(component, dict) and "factory" in component:
            wanted.add(("factories", component["factory"]))
    lang = config.get("nlp", {}).get("lang")
    modules = set()
    for registry_name, func_name in wanted:
        for name in ([f"{lang}.{func_name}"] if lang else []) + [func_name]:
            try:
                module = registry.find(registry_name, name).get("module")
            except Exception:  # not registered under this name (or no such registry)
                continue
            if module:
                modules.add(module.split(".")[0])
            break
    distributions = packages_distributions()
    dependencies = []
    for module in sorted(modules):
        dists = distributions.get(module) or []
        if not dists or dists[0] in _OWN_PACKAGES or dists[0] in exclude:
            continue
        try:
            dependencies.append(f"{dists[0]}{get_minor_version_range(version(dists[0]))}")
        except PackageNotFoundError:
            continue
    return dependencies


def _is_permitted_package_name(package_name: str) -> bool:
    """Whether a distribution name is valid (PEP 426): ASCII letters and digits, with '.',
    '_' and '-' only between them."""
    return re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", package_name) is not None


META_PROMPTS = (("lang", "Pipeline language", "en"), ("name", "Pipeline name", "pipeline"),
                ("version", "Package version", "0.0.0"), ("description", "Package description",
                                                         None),
                ("author", "Author", None), ("email", "Author email", None),
                ("url", "Author website", None), ("license", "License", None))


def pipeline_meta(input_dir: Path, existing: dict) -> dict:
    """The package's meta, as spaCy's package builds it: defaults, then the loaded
    pipeline's own meta (pipeline, components, labels, performance, ...), then `existing`
    (the meta.json given), then the vectors' figures. A --meta-path file with a few fields
    keeps everything else the pipeline knows about itself."""
    from .. import load
    from ..errors import ConfigError, LexloomError

    meta = {"lang": "en", "name": "pipeline", "version": "0.0.0", "description": "",
            "author": "", "email": "", "url": "", "license": "MIT"}
    try:
        nlp = load(input_dir)
    except LexloomError as e:
        raise ConfigError(f"Can't load the pipeline in {input_dir} to read its meta: {e}") \
            from None
    meta.update(nlp.meta)
    meta.update(existing)
    vectors = nlp.vocab.vectors
    meta["vectors"] = {"width": nlp.vocab.vectors_length, "vectors": len(vectors),
                       "keys": vectors.n_keys, "name": vectors.name}
    return meta


def _ask_meta(meta: dict) -> dict:
    """`--create-meta`: ask for each meta.json field on the terminal, the current value (or
    a default) kept when the answer is empty."""
    meta = dict(meta)
    print("Generating meta.json: press enter to keep the value in [brackets].")
    for key, question, default in META_PROMPTS:
        current = meta.get(key) or default
        answer = input(f"{question}" + (f" [{current}]" if current else "") + ": ").strip()
        meta[key] = answer or current or ""
    return meta


def _build(main_path: Path, kind: str) -> None:
    from ..errors import ConfigError

    spec = importlib.util.find_spec("build")
    # a folder named build/ on sys.path (a CMake build tree) is a namespace package: no origin
    if spec is not None and spec.origin is not None:
        cmd = [sys.executable, "-m", "build", ".", f"--{kind}", "--no-isolation"]
    else:
        cmd = [sys.executable, "setup.py", "sdist" if kind == "sdist" else "bdist_wheel"]
    result = subprocess.run(cmd, cwd=main_path, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise ConfigError(f"Building the {kind} failed ({' '.join(cmd)}):\n"
                          f"{result.stderr[-2000:]}")


@app.command("package")
def package_cli(
    input_dir: Path = typer.Argument(..., help="Directory with pipeline data", exists=True,
                                     file_okay=False),
    output_dir: Path = typer.Argument(..., help="Output parent directory", exists=True,
                                      file_okay=False),
    code_paths: str = typer.Option("", "--code", "-c",
                                   help="Comma-separated paths to Python files with "
                                        "additional code to include in the package"),
    meta_path: Path | None = typer.Option(None, "--meta-path", "--meta", "-m",
                                             help="Path to meta.json", exists=True,
                                             dir_okay=False),
    create_meta: bool = typer.Option(False, "--create-meta", "-C",
                                     help="Create meta.json, even if one exists"),
    name: str | None = typer.Option(None, "--name", "-n",
                                       help="Package name to override meta"),
    version: str | None = typer.Option(None, "--version", "-v",
                                          help="Package version to override meta"),
    build: str = typer.Option("sdist", "--build", "-b",
                              help="Comma-separated formats to build: sdist and/or wheel, "
                                   "or none."),
    force: bool = typer.Option(False, "--force", "-f", "-F",
                               help="Force overwriting existing data in output directory"),
    require_parent: bool = typer.Option(True, "--require-parent/--no-require-parent", "-R",
                                        help="Include the parent package (lexloom) in the "
                                             "requirements"),
):
    """Generate an installable Python package for a pipeline: its data, meta and
    installation files, built as an sdist (and/or wheel)."""
    from ..errors import LexloomError

    formats = {f.strip() for f in build.split(",") if f.strip()}
    if not formats <= {"sdist", "wheel", "none"}:
        fail(f"Unknown build format(s): {', '.join(sorted(formats))}. Use sdist, wheel or none.")
    try:
        package(input_dir, output_dir, meta_path=meta_path,
                code_paths=[Path(p.strip()) for p in code_paths.split(",") if p.strip()],
                name=name, version=version, create_meta=create_meta,
                create_sdist="sdist" in formats, create_wheel="wheel" in formats,
                require_parent=require_parent, force=force, silent=False)
    except LexloomError as e:
        fail(str(e))
