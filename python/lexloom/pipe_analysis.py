"""Pipeline analysis: which component assigns or requires which Doc/Token/Span attribute, and
whether each requirement is met by a component that runs earlier (spaCy's pipe_analysis).

The facts come from what each factory declares (`@Language.factory(assigns=..., requires=...,
default_score_weights=...)`), so the analysis runs nothing and needs no data.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import PipelineError

if TYPE_CHECKING:
    from .language import Language

DEFAULT_KEYS = ["requires", "assigns", "scores", "retokenizes"]


def _nest(values: Iterable[str]) -> dict[str, Any]:
    """"token.pos", "token._.x" -> {"token": {"pos": True, "_": {"x": True}}}."""
    tree: dict[str, Any] = {}
    for value in values:
        node = tree
        *parents, last = value.lower().split(".")   # as spaCy's dot_to_dict
        for key in parents:
            child = node.get(key)
            if not isinstance(child, dict):
                child = node[key] = {}
            node = child
        node.setdefault(last, True)
    return tree


def _dotted(tree: Any) -> str:
    """The first dotted path down a _nest() tree: {"y": {"z": True}} -> "y.z"."""
    keys: list[str] = []
    while isinstance(tree, dict):
        key = next(iter(tree))
        keys.append(key)
        tree = tree[key]
    return ".".join(keys)


def validate_attrs(values: Iterable[str]) -> Iterable[str]:
    """Check the attribute names a factory lists in assigns= / requires=: "doc.ents",
    "token.pos", "span._.custom"... Custom extensions are not checked for existence (the
    component may register them later). Returns `values` unchanged; raises PipelineError
    (a ValueError) naming the bad attribute and the fix."""
    from .tokens import Doc, Span, Token

    values = list(values) if not isinstance(values, (list, tuple)) else values
    objects = {"doc": Doc, "token": Token, "span": Span}
    for obj_key, attrs in _nest(values).items():
        if obj_key == "span":
            builtin = [v for v in values if v.startswith("span.") and not v.startswith("span._.")]
            if builtin:
                raise PipelineError(
                    f"[E180] Only custom extension attributes can be declared on spans: "
                    f"{', '.join(builtin)}. Use 'span._.name', or the doc/token attribute "
                    "(e.g. 'doc.ents' rather than 'span.label').")
        if obj_key not in objects:
            bad = ", ".join(v for v in values if v.startswith(obj_key))
            raise PipelineError(f"[E181] Attributes must start with 'doc.', 'token.' or 'span.', "
                                f"not '{obj_key}.': {bad}.")
        if not isinstance(attrs, dict):
            raise PipelineError(f"[E182] '{obj_key}' names an object, not an attribute: write e.g. "
                                f"'{obj_key}.{'ents' if obj_key == 'doc' else 'pos'}'.")
        for attr, value in attrs.items():
            if attr == "_":
                if value is True:
                    raise PipelineError(f"[E182] '{obj_key}._' names no extension: write "
                                        f"'{obj_key}._.name'.")
                for ext, ext_value in value.items():
                    if ext_value is not True:
                        good = f"{obj_key}._.{ext}"
                        raise PipelineError(f"[E183] '{good}.{_dotted(ext_value)}' goes too deep: "
                                            f"declare '{good}'.")
                continue
            if attr.endswith("_"):
                raise PipelineError(f"[E184] Declare '{obj_key}.{attr}' without the trailing "
                                    f"underscore: '{obj_key}.{attr[:-1]}' (the string and "
                                    "integer forms are one attribute).")
            if value is not True:
                good = f"{obj_key}.{attr}"
                raise PipelineError(f"[E183] '{good}.{_dotted(value)}' goes too deep: declare "
                                    f"'{good}'.")
            if not hasattr(objects[obj_key], attr):
                raise PipelineError(f"[E185] {objects[obj_key].__name__} has no attribute "
                                    f"'{attr}' ('{obj_key}.{attr}'). Check the spelling, or "
                                    f"declare a custom extension as '{obj_key}._.{attr}'.")
    return values


def get_attr_info(nlp: "Language", attr: str) -> dict[str, list[str]]:
    """{"assigns": [...], "requires": [...]}: the enabled components that assign and that
    require `attr` (e.g. "doc.ents")."""
    result: dict[str, list[str]] = {"assigns": [], "requires": []}
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        if attr in meta.assigns:
            result["assigns"].append(name)
        if attr in meta.requires:
            result["requires"].append(name)
    return result


def analyze_pipes(nlp: "Language", *, keys: list[str] = DEFAULT_KEYS) -> dict[str, Any]:
    """{"summary": {component: {key: meta value}}, "problems": {component: [required
    attributes no earlier component assigns]}, "attrs": {attribute: get_attr_info(...)}}
    over the enabled components, in pipeline order."""
    summary: dict[str, dict[str, Any]] = {}
    problems: dict[str, list[str]] = {}
    all_attrs: set[str] = set()
    assigned: set[str] = set()
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        all_attrs.update(meta.assigns)
        all_attrs.update(meta.requires)
        summary[name] = {key: getattr(meta, key, None) for key in keys}
        problems[name] = [attr for attr in dict.fromkeys(meta.requires) if attr not in assigned]
        assigned.update(meta.assigns)
    return {"summary": summary, "problems": problems,
            "attrs": {attr: get_attr_info(nlp, attr) for attr in all_attrs}}


def print_pipe_analysis(analysis: dict[str, Any], *, keys: list[str] = DEFAULT_KEYS) -> None:
    """Print analyze_pipes' result: a table of the components and their meta, then the
    unmet requirements (or "No problems found.")."""
    from wasabi import msg

    msg.divider("Pipeline Overview")
    header = ["#", "Component", *[key.capitalize() for key in keys]]
    body = [[i, name, *meta.values()] for i, (name, meta) in enumerate(analysis["summary"].items())]
    msg.table(body, header=header, divider=True, multiline=True)
    n_problems = sum(len(p) for p in analysis["problems"].values())
    if n_problems:
        msg.divider(f"Problems ({n_problems})")
        for name, problem in analysis["problems"].items():
            if problem:
                msg.warn(f"'{name}' requirements not met: {', '.join(problem)}")
    else:
        msg.good("No problems found.")


__all__ = ["DEFAULT_KEYS", "analyze_pipes", "get_attr_info", "print_pipe_analysis",
           "validate_attrs"]
