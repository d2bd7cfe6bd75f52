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
    meta = get_meta(input_dir, meta, require_parent=require_parent)
    if create_meta:
        meta = generate_meta(meta)
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
        readme = generate_readme(meta)
        create_file(main_path / "README.md", readme)
        create_file(package_path / model_name_v / "README.md", readme)
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


def get_meta(model_path: str | Path, existing_meta: dict,
             require_parent: bool = False) -> dict:
    """The package's meta, as spaCy's package builds it: defaults, then the loaded
    pipeline's own meta (pipeline, components, labels, performance, ...), then
    `existing_meta` (the meta.json given), then the vectors' figures and the requirements:
    those listed, the installed packages that define the config's registered functions, and
    lexloom itself with `require_parent`. A --meta-path file with a few fields keeps
    everything else the pipeline knows about itself."""
    from .. import load
    from ..about import __lexloom_version__, __title__
    from ..errors import ConfigError, LexloomError
    from ..util import split_requirement

    meta = {"lang": "en", "name": "pipeline", "version": "0.0.0", "description": "",
            "author": "", "email": "", "url": "", "license": "MIT"}
    try:
        nlp = load(model_path)
    except LexloomError as e:
        raise ConfigError(f"Can't load the pipeline in {model_path} to read its meta: {e}") \
            from None
    meta.update(nlp.meta)
    meta.update(existing_meta)
    vectors = nlp.vocab.vectors
    meta["vectors"] = {"width": nlp.vocab.vectors_length, "vectors": len(vectors),
                       "keys": vectors.n_keys, "name": vectors.name}
    requirements = list(meta.get("requirements") or [])
    listed = [split_requirement(r)[0] for r in requirements]
    requirements += get_third_party_dependencies(nlp.config, exclude=listed)
    if require_parent and __title__ not in listed:
        requirements.append(f"{__title__}>={__lexloom_version__}")
    meta["requirements"] = requirements
    return meta


META_PROMPTS = (("lang", "Pipeline language", "en"), ("name", "Pipeline name", "pipeline"),
                ("version", "Package version", "0.0.0"), ("description", "Package description",
                                                         None),
                ("author", "Author", None), ("email", "Author email", None),
                ("url", "Author website", None), ("license", "License", "MIT"))


def generate_meta(existing_meta: dict, msg: object = None) -> dict:
    """`--create-meta`: ask for each meta.json field on the terminal, the current value (or
    a default) kept when the answer is empty. `msg` (spaCy's Printer) is accepted and
    unused: the questions go to stdout."""
    meta = dict(existing_meta or {})
    print("Generating meta.json: press enter to keep the value in [brackets].")
    for key, question, default in META_PROMPTS:
        current = meta.get(key) or default
        answer = input(f"{question}" + (f" [{current}]" if current else "") + ": ").strip()
        meta[key] = answer or current or ""
    return meta


def generate_readme(meta: dict) -> str:
    """The package's README.md from its meta: description, a feature table, the label
    scheme (folded) and the accuracy figures, as spaCy's model packages show them."""
    lang = meta["lang"]
    name = meta["name"] if meta["name"].startswith(lang + "_") else f"{lang}_{meta['name']}"
    vectors = meta.get("vectors") or {}
    author = meta.get("author") or "n/a"
    if meta.get("url"):
        author = f"[{author}]({meta['url']})"
    features = [
        ("Name", f"`{name}`"),
        ("Version", f"`{meta['version']}`"),
        ("spaCy", f"`{meta['spacy_version']}`" if meta.get("spacy_version") else "n/a"),
        ("Default Pipeline", _code_list(meta.get("pipeline"))),
        ("Components", _code_list(meta.get("components"))),
        ("Vectors", f"{vectors.get('keys', 0)} keys, {vectors.get('vectors', 0)} unique "
                    f"vectors ({vectors.get('width', 0)} dimensions)"),
        ("Sources", _sources_text(meta.get("sources"))),
        ("License", f"`{meta['license']}`" if meta.get("license") else "n/a"),
        ("Author", author),
    ]
    parts = [meta["description"]] if meta.get("description") else []
    parts.append(_markdown_table(["Feature", "Description"],
                                 [(f"**{key}**", value) for key, value in features]))
    labels = {pipe: names for pipe, names in (meta.get("labels") or {}).items() if names}
    if labels:
        n_labels = sum(len(names) for names in labels.values())
        rows = [(f"**`{pipe}`**", ", ".join(f"`{str(label).replace('|', chr(92) + '|')}`"
                                             for label in names))
                for pipe, names in labels.items()]
        parts += ["### Label Scheme", "<details>",
                  f"<summary>View label scheme ({n_labels} labels for {len(labels)} "
                  "components)</summary>", _markdown_table(["Component", "Labels"], rows),
                  "</details>"]
    scores = [(f"`{key.upper()}`", f"{value * 100:.2f}")
              for key, value in (meta.get("performance") or {}).items()
              if isinstance(value, (int, float)) and key != "speed"]
    if scores:
        parts += ["### Accuracy", _markdown_table(["Type", "Score"], scores)]
    if meta.get("notes"):
        parts.append(meta["notes"])
    return "\n\n".join(parts)


def _markdown_table(header: list[str], rows: list[tuple[str, str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def _code_list(names: list | None) -> str:
    return ", ".join(f"`{n}`" for n in names or [])


def _sources_text(sources: object) -> str:
    """meta["sources"] (names, or dicts with name / url / author) as one table cell."""
    if not isinstance(sources, list):
        return "n/a"
    cells = []
    for source in sources:
        source = source if isinstance(source, dict) else {"name": source}
        if not source.get("name"):
            continue
        cell = f"[{source['name']}]({source['url']})" if source.get("url") else source["name"]
        cells.append(cell + (f" ({source['author']})" if source.get("author") else ""))
    return "<br>".join(cells) or "n/a"


def get_build_formats(formats: list[str]) -> tuple[bool, bool]:
    """--build's formats as (sdist, wheel); "none" (or nothing) builds neither, an unknown
    format fails the command."""
    supported = ("sdist", "wheel", "none")
    unknown = [f for f in formats if f not in supported]
    if unknown:
        fail(f"Unknown build format: {', '.join(unknown)}. Supported: {', '.join(supported)}")
    if not formats or "none" in formats:
        return False, False
    return "sdist" in formats, "wheel" in formats


def has_build() -> bool:
    """Whether the `build` package is installed (a build/ folder on sys.path, such as a
    CMake build tree, is no proof: it imports as a namespace package)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        version("build")
    except PackageNotFoundError:
        return False
    return True


def has_wheel() -> bool:
    """Whether the `wheel` package is installed (setup.py bdist_wheel needs it)."""
    return importlib.util.find_spec("wheel") is not None


def create_file(file_path: Path, contents: str) -> None:
    Path(file_path).write_text(contents, encoding="utf8")


def _build(main_path: Path, kind: str) -> None:
    from ..errors import ConfigError

    if has_build():
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

    create_sdist, create_wheel = get_build_formats(
        [f.strip() for f in build.split(",") if f.strip()])
    try:
        package(input_dir, output_dir, meta_path=meta_path,
                code_paths=[Path(p.strip()) for p in code_paths.split(",") if p.strip()],
                name=name, version=version, create_meta=create_meta,
                create_sdist=create_sdist, create_wheel=create_wheel,
                require_parent=require_parent, force=force, silent=False)
    except LexloomError as e:
        fail(str(e))
