"""Pattern entries of the entity_ruler and span_ruler: checking them, turning phrase patterns
into Docs, and reading/writing them as JSONL (one {"label", "pattern"[, "id"]} per line).

Both rulers take the same entries, `{"label": "ORG", "pattern": "Apple"}` (a phrase) or
`{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}` (tokens), with an
optional "id"; what they do with them differs, what an entry may be does not.
"""
from __future__ import annotations

import types
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..attrs import IDS
from ..errors import DeserializationError, RulerPatternError

# Token attributes that only the tokenizer decides: a phrase pattern matched on one of these
# needs tokenizing, not the components before the ruler (NORM is not here: components such as
# the attribute_ruler may set it).
_LEXICAL_ATTRS = frozenset(
    [i for name, i in IDS.items() if name.startswith(("IS_", "LIKE_", "FLAG"))]
    + [IDS[n] for n in ("ID", "ORTH", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH",
                        "SPACY", "LANG")])


def check_entries(patterns: Any, component: str) -> list[dict]:
    """The entries as a list, each a dict with a str "label", a str or list "pattern" and an
    optional str "id"; otherwise a RulerPatternError naming the entry."""
    if isinstance(patterns, (str, bytes, dict)) or not isinstance(patterns, Iterable):
        raise RulerPatternError(
            f"'{component}'.add_patterns takes a list of pattern dicts, not "
            f"{type(patterns).__name__}. Wrap a single pattern in a list: "
            "add_patterns([{'label': 'ORG', 'pattern': 'Apple'}]).")
    entries = list(patterns)
    for i, entry in enumerate(entries):
        where = f"'{component}' pattern #{i} ({_short(entry)})"
        if not isinstance(entry, dict):
            raise RulerPatternError(f"{where} is a {type(entry).__name__}, not a dict like "
                                    "{'label': 'ORG', 'pattern': 'Apple'}.")
        for key in ("label", "pattern"):
            if key not in entry:
                raise RulerPatternError(f"{where} has no {key!r} key; every pattern needs a "
                                        "'label' (str) and a 'pattern' (str or list of dicts).")
        if not isinstance(entry["label"], str):
            raise RulerPatternError(f"{where}: 'label' must be a str, not "
                                    f"{type(entry['label']).__name__}.")
        pattern = entry["pattern"]
        if isinstance(pattern, list):
            for j, token in enumerate(pattern):
                if not isinstance(token, dict):
                    raise RulerPatternError(
                        f"{where}: token {j} of the token pattern is a "
                        f"{type(token).__name__}, not a dict like {{'LOWER': 'apple'}}.")
        elif not isinstance(pattern, str):
            raise RulerPatternError(
                f"{where}: 'pattern' must be a phrase (str) or a token pattern (list of dicts), "
                f"not {type(pattern).__name__}.")
        if "id" in entry and entry["id"] is not None and not isinstance(entry["id"], str):
            raise RulerPatternError(f"{where}: 'id' must be a str, not "
                                    f"{type(entry['id']).__name__}.")
    return entries


def _short(entry: Any, limit: int = 80) -> str:
    text = repr(entry)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def phrase_docs(nlp, component: Any, texts: list[str], attr: Any) -> Iterator:
    """Docs for phrase patterns, made as the Docs the ruler will see are made: by the
    tokenizer and the enabled components before the ruler (spaCy runs nlp.pipe with the ruler
    and everything after it disabled). When the PhraseMatcher matches on a token attribute the
    tokenizer alone decides, and no earlier component may retokenize, the tokenizer
    suffices."""
    if not texts:
        return iter(())
    names = nlp.pipe_names
    index = next((i for i, (_, pipe) in enumerate(nlp.pipeline) if pipe is component), -1)
    # a ruler outside the pipeline disables only the last component, as spaCy does
    before = names[:index] if index >= 0 else names[:-1]
    retokenizes = any(_may_retokenize(nlp, name) for name in before)
    if not before or (_is_lexical(attr) and not retokenizes):
        tokenizer = nlp.tokenizer
        if hasattr(tokenizer, "pipe"):
            return iter(tokenizer.pipe(texts))
        return (nlp.make_doc(text) for text in texts)
    disable = names[index:] if index >= 0 else names[-1:]
    with nlp.select_pipes(disable=disable):
        return iter(list(nlp.pipe(texts, memory_zones=False)))


def _may_retokenize(nlp, name: str) -> bool:
    """Whether a component may change the tokens: one that says so, or any that is not
    lexloom's own (a user's component merging compounds needn't declare `retokenizes`)."""
    if nlp.get_pipe_meta(name).retokenizes:
        return True
    pipe = nlp.get_pipe(name)
    owner = pipe if isinstance(pipe, types.FunctionType) else type(pipe)
    return not (getattr(owner, "__module__", None) or "").startswith("lexloom.")


def _is_lexical(attr: Any) -> bool:
    if attr is None:
        return True
    if isinstance(attr, str):
        key = attr.upper()
        attr_id = IDS.get("ORTH" if key == "TEXT" else key)
    else:
        attr_id = attr
    return attr_id in _LEXICAL_ATTRS


def read_jsonl(path: str | Path) -> list[dict]:
    """Pattern entries from a JSONL file; a corrupt line is a DeserializationError naming the
    file and line (blank lines are skipped, as srsly.read_jsonl does)."""
    import srsly

    from ..line_reader import iter_lines

    path = Path(path)
    try:
        lines = list(iter_lines(path))  # whole file first: a bad line changes nothing
    except OSError as e:
        raise DeserializationError(f"Can't read patterns file {path}: {e.strerror or e}.") \
            from None
    out = []
    for line_no, line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            out.append(srsly.json_loads(line))
        except ValueError as e:
            raise DeserializationError(
                f"{path}:{line_no}: not valid JSON ({e}): {_short(line)}. Each line of a "
                "patterns file is one JSON object like "
                '{"label": "ORG", "pattern": "Apple"}.') from None
    return out


def replace_patterns(ruler: Any, patterns: list[dict] | None) -> None:
    """ruler.clear() then ruler.add_patterns(patterns); when a pattern is rejected, the ruler
    gets its previous patterns back before the error goes on (nothing lost)."""
    previous = list(ruler.patterns)
    ruler.clear()
    if not patterns:
        return
    try:
        ruler.add_patterns(patterns)
    except BaseException:
        ruler.clear()
        if previous:
            ruler.add_patterns(previous)
        raise


def missing_patterns_file(component: str, file: Path) -> Exception:
    """The error for a ruler folder without the patterns file its to_disk wrote (spaCy's
    from_disk can't read such a folder either)."""
    from ..errors import MissingPipelineFileError

    return MissingPipelineFileError(
        f"'{component}'.from_disk: {file} is missing (or not a file). to_disk writes it, even "
        "with no patterns: the folder is incomplete; save the pipeline again, or exclude the "
        "patterns.")


def write_jsonl(path: str | Path, entries: list[dict]) -> None:
    """One compact JSON object a line, as srsly.write_jsonl writes (spaCy reads it back)."""
    import srsly

    srsly.write_jsonl(Path(path), entries)
