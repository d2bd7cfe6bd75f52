"""One fuzzing process: `python fuzz/_child.py TARGET [libFuzzer args...]`.

Set up the target, then hand atheris a test function that lets through only the exceptions
the target allows. Any other exception, a native crash (signal) or a hang past -timeout makes
libFuzzer write the input to -artifact_prefix and exit non-zero; the runner reads that.
With LEXLOOM_FUZZ_SPACY=1 the target is spaCy's Doc.from_bytes (for the comparison).
"""
from __future__ import annotations

import os
import sys
import types
import warnings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import atheris  # noqa: E402

from fuzz.splice import splice  # noqa: E402


def _spacy_target():
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    seed = Doc(nlp.vocab, words=["Alice", "saw", "Bob"], ents=["B-PERSON", "O", "B-PERSON"],
               heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"]).to_bytes()

    def run(data: bytes) -> None:
        doc = Doc(nlp.vocab).from_bytes(data)
        _ = doc.text, [(t.text, t.head.i, t.dep_) for t in doc], list(doc.ents)
        doc.to_bytes()

    # spaCy documents ValueError for bad bytes (E-codes); msgpack's errors subclass it.
    return run, (ValueError,), [seed]


def _instrument_loaded(prefixes: tuple[str, ...]) -> None:
    """Add coverage to the Python functions of the loaded modules under `prefixes`.

    atheris.instrument_imports() can't see lexloom: the editable install's import finder
    loads it, and lexloom imports most modules lazily anyway. So set the target up, run its
    seeds (loading what it uses), then instrument every function and method found."""
    seen: set[int] = set()

    def functions(obj):
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if isinstance(obj, property):
            yield from (f for f in (obj.fget, obj.fset) if isinstance(f, types.FunctionType))
        elif isinstance(obj, types.FunctionType):
            yield obj

    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(prefixes):
            continue
        for obj in list(vars(module).values()):
            members = [obj]
            if isinstance(obj, type) and obj.__module__ == name:
                members = list(vars(obj).values())
            for member in members:
                for func in functions(member):
                    if id(func) not in seen and func.__module__.startswith(prefixes):
                        seen.add(id(func))
                        try:
                            atheris.instrument_func(func)
                        except Exception:  # noqa: BLE001 -- some code objects can't be patched
                            pass


def _target_seeds(name: str):
    import lexloom  # noqa: F401
    from fuzz import targets

    t = targets.TARGETS[name]
    state = t.setup()
    return t, state, t.seeds(state)


def main() -> None:
    if sys.argv[1] == "--splice":  # python fuzz/_child.py --splice TARGET RAW OUT
        warnings.simplefilter("ignore")
        name, raw, out = sys.argv[2:5]
        _t, _state, seeds = _target_seeds(name)
        with open(raw, "rb") as f, open(out, "wb") as g:
            g.write(splice(seeds, f.read()))
        return
    name, args = sys.argv[1], sys.argv[2:]
    warnings.simplefilter("ignore")
    instrument = os.environ.get("LEXLOOM_FUZZ_INSTRUMENT", "1") == "1"
    if os.environ.get("LEXLOOM_FUZZ_SPACY") == "1":
        if instrument:
            with atheris.instrument_imports(include=["spacy"]):
                run, allowed, seeds = _spacy_target()
        else:
            run, allowed, seeds = _spacy_target()
    else:
        # lexloom imports most modules lazily: set the target up and run its seeds inside
        # the import hook, so that the modules they load get coverage instrumentation too.
        t, state, seeds = _target_seeds(name)
        allowed = t.allowed()
        for seed in seeds:
            try:
                t.run(state, seed)
            except allowed:
                pass
        if instrument:
            _instrument_loaded(("lexloom", "fuzz"))

        if instrument:
            def run(data: bytes, _run=t.run, _state=state) -> None:
                _run(_state, data)
        else:
            def run(data: bytes, _run=t.run, _state=state, _seeds=list(seeds)) -> None:
                _run(_state, splice(_seeds, data))
    seed_dir = os.environ.get("LEXLOOM_FUZZ_SEED_DIR")
    if seed_dir:
        import hashlib

        for seed in seeds:
            with open(os.path.join(seed_dir, hashlib.sha1(seed).hexdigest()), "wb") as f:
                f.write(seed)

    artifacts = os.environ.get("LEXLOOM_FUZZ_ARTIFACTS")

    def test_one_input(data: bytes) -> None:
        try:
            run(data)
        except allowed:
            pass
        except BaseException:
            # Keep the input even if the process dies before libFuzzer writes it (a signal
            # arriving during its crash handling); same name libFuzzer would use.
            if artifacts:
                import hashlib

                name = "crash-" + hashlib.sha1(data).hexdigest()
                with open(os.path.join(artifacts, name), "wb") as f:
                    f.write(data)
            raise

    warnings.simplefilter("ignore")
    atheris.Setup([sys.argv[0], *args], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
