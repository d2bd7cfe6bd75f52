"""Which of spaCy 3.8's public names lexloom lacks, module for module.

Needs spaCy and lexloom importable in one interpreter (the benchmark environment):

    PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages \
        .venv/bin/python benchmarks/api_coverage.py [--json benchmarks/results/api_coverage.json]

A public name of a spaCy module is one that does not start with "_" and is a spaCy
submodule, a class or function defined there (for a package's ``__init__``: defined anywhere
in spaCy, since packages re-export their API), or an upper-case constant. Not counted:
names a module merely imports (from the standard library, typing, thinc, or another spaCy
module), lower-case module-level leftovers of building tables (``exc_data``, ``orth``),
and ``TYPE_CHECKING``: spaCy's API pages don't list them and scripts don't reach for them
there.
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import json
import logging
import sys
import types
from pathlib import Path

# The modules of issue 15's list: spaCy's public tree.
MODULES = [
    "spacy", "spacy.about", "spacy.util", "spacy.errors", "spacy.compat", "spacy.glossary",
    "spacy.attrs", "spacy.symbols", "spacy.parts_of_speech", "spacy.strings", "spacy.vocab",
    "spacy.lexeme", "spacy.morphology", "spacy.vectors", "spacy.lookups", "spacy.language",
    "spacy.scorer", "spacy.schemas", "spacy.pipe_analysis", "spacy.displacy",
    "spacy.tokens", "spacy.tokens.doc", "spacy.tokens.token", "spacy.tokens.span",
    "spacy.tokens.span_group", "spacy.tokens.morphanalysis", "spacy.tokens.underscore",
    "spacy.tokens._serialize",
    "spacy.matcher", "spacy.kb",
    "spacy.pipeline", "spacy.pipeline.functions",
    "spacy.ml", "spacy.ml.models", "spacy.ml.featureextractor", "spacy.ml.staticvectors",
    "spacy.ml.parser_model", "spacy.ml.tb_framework", "spacy.ml._character_embed",
    "spacy.training", "spacy.training.converters", "spacy.training.loop",
    "spacy.training.initialize", "spacy.training.batchers", "spacy.training.augment",
    "spacy.training.corpus", "spacy.training.example", "spacy.training.iob_utils",
    "spacy.training.alignment", "spacy.training.loggers",
    "spacy.cli",
    "spacy.lang.en", "spacy.lang.en.stop_words", "spacy.lang.en.lex_attrs",
    "spacy.lang.en.punctuation", "spacy.lang.en.tokenizer_exceptions",
    "spacy.lang.fr", "spacy.lang.fr.stop_words", "spacy.lang.fr.lex_attrs",
    "spacy.lang.fr.punctuation", "spacy.lang.fr.tokenizer_exceptions",
    "spacy.lang.de", "spacy.lang.es", "spacy.lang.xx",
    "spacy.lang.char_classes", "spacy.lang.punctuation", "spacy.lang.tokenizer_exceptions",
    "spacy.lang.lex_attrs", "spacy.lang.norm_exceptions",
]

_CONSTANT_TYPES = (int, float, str, bytes, bool, tuple, list, dict, set, frozenset,
                   logging.Logger, type(None))


def public_names(module: types.ModuleType) -> list[str]:
    """spaCy's public names in `module` (see the module docstring for the rule)."""
    is_package = (module.__file__ or "").endswith("__init__.py")
    names = []
    for name in dir(module):
        if not name or name.startswith("_") or name == "TYPE_CHECKING":
            continue
        value = getattr(module, name)
        if isinstance(value, types.ModuleType):
            if value.__name__.startswith(module.__name__ + "."):
                names.append(name)
            continue
        owner = getattr(value, "__module__", None)
        if isinstance(owner, str) and callable(value):
            if owner == module.__name__ or (is_package and owner.split(".")[0] == "spacy"):
                names.append(name)
        elif isinstance(value, _CONSTANT_TYPES) and name[0].isupper():
            names.append(name)
    return sorted(names)


def coverage(modules: list[str]) -> dict:
    """Per spaCy module: its public names and the ones lexloom's twin module lacks."""
    report = {}
    for spacy_name in modules:
        try:
            spacy_module = importlib.import_module(spacy_name)
        except ImportError as e:
            report[spacy_name] = {"error": f"spaCy: {e}"}
            continue
        names = public_names(spacy_module)
        lexloom_name = "lexloom" + spacy_name[len("spacy"):]
        try:
            lexloom_module = importlib.import_module(lexloom_name)
        except Exception as e:  # noqa: BLE001 -- any import failure: the module is missing
            report[spacy_name] = {"names": len(names), "missing": names,
                                  "error": f"lexloom: {type(e).__name__}: {e}"}
            continue
        missing = [n for n in names if not hasattr(lexloom_module, n)]
        report[spacy_name] = {"names": len(names), "missing": missing,
                              "members": member_gaps(spacy_module, lexloom_module, names)}
    return report


_CHECKED_CLASSES: set[type] = set()


def member_gaps(spacy_module, lexloom_module, names) -> dict[str, list[str]]:
    """For each spaCy class the module offers and lexloom's twin module has too: its public
    attributes (methods, properties) that lexloom's class lacks, neither defined on the class
    nor declared as an instance attribute (an annotation in its body, as `cfg: dict`; spaCy's
    cdef classes have them as class-level descriptors). Each spaCy class is checked once,
    under the first listed module that offers it."""
    gaps = {}
    for name in names:
        spacy_cls = getattr(spacy_module, name)
        lexloom_cls = getattr(lexloom_module, name, None)
        if not isinstance(spacy_cls, type) or not isinstance(lexloom_cls, type):
            continue
        if spacy_cls in _CHECKED_CLASSES or issubclass(spacy_cls, BaseException):
            continue
        _CHECKED_CLASSES.add(spacy_cls)
        declared = set()  # instance attributes a Python class declares (`cfg: dict`)
        for base in lexloom_cls.__mro__:
            declared.update(getattr(base, "__annotations__", {}))
        lacking = [m for m in dir(spacy_cls) if not m.startswith("_")
                   and not hasattr(lexloom_cls, m) and m not in declared]
        if lacking:
            gaps[name] = lacking
    return gaps


def surface(modules: list[str]) -> dict:
    """spaCy's public names per module, each with its parameter names (in order, None when
    it isn't a callable with a signature): the table tests/test_spacy_api_surface.py checks
    lexloom against without spaCy."""
    table = {}
    for spacy_name in modules:
        module = importlib.import_module(spacy_name)
        entry = {}
        for name in public_names(module):
            value = getattr(module, name)
            params = None
            if callable(value) and not isinstance(value, types.ModuleType) and not (
                    isinstance(value, type) and issubclass(value, BaseException)):
                try:
                    params = [p.name for p in inspect.signature(value).parameters.values()
                              if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
                except (TypeError, ValueError):  # a builtin or Cython callable without one
                    params = None
            entry[name] = params
        table[spacy_name] = entry
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the report here")
    parser.add_argument("--modules", nargs="*", default=MODULES)
    parser.add_argument("--verbose", action="store_true", help="list every missing name")
    parser.add_argument("--write-surface", type=Path,
                        help="write spaCy's names and parameter names here (the test table)")
    args = parser.parse_args(argv)
    import spacy  # noqa: F401  (fail early with a clear message when spaCy is absent)

    if args.write_surface:
        args.write_surface.write_text(json.dumps(surface(args.modules), indent=0,
                                                 sort_keys=True))
    report = coverage(args.modules)
    total = sum(r.get("names", 0) for r in report.values())
    missing = sum(len(r.get("missing", [])) for r in report.values())
    print(f"# {' '.join(sys.argv)}")
    for mod, r in report.items():
        line = f"{mod:40s} {r.get('names', 0):4d} names {len(r.get('missing', [])):4d} missing"
        if "error" in r:
            line += f"  ({r['error']})"
        print(line)
        if args.verbose and r.get("missing"):
            print("    " + " ".join(r["missing"]))
    print(f"TOTAL {total} public names, {missing} missing, {total - missing} present")
    member_total = 0
    for mod, r in report.items():
        for cls, lacking in r.get("members", {}).items():
            member_total += len(lacking)
            print(f"  {mod}.{cls}: {len(lacking)} members missing"
                  + (f": {' '.join(lacking)}" if args.verbose else ""))
    print(f"TOTAL {member_total} class members missing (classes present in both)")
    if args.json:
        args.json.write_text(json.dumps({"total": total, "missing": missing, "members_missing": member_total,
                                         "modules": report}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
