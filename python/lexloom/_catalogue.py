"""catalogue registries in the "lexloom" namespace that also read spaCy's entry points."""
from __future__ import annotations

import catalogue


class Registry(catalogue.Registry):
    """A registry in the "lexloom" namespace whose entry points are those of the group
    "lexloom_<name>" and then of spaCy's "spacy_<name>" (plugin packages declare theirs for
    spaCy, e.g. `[spacy_misc] spacy.FewShotReader.v1 = spacy_llm.registry:fewshot_reader`).
    Lookups made on it directly (`registry.augmenters.get("spacy.lower_case.v1")`) first
    register lexloom's built-in functions, as importing spaCy does.

    A name that lexloom registers itself is lexloom's own function even where a spaCy
    package declares the same name in a spacy_* group: with spacy-transformers installed
    beside lexloom, its `[spacy_factories] transformer` entry point would otherwise build
    spaCy's component (which rejects lexloom's Language), and its architectures spaCy's
    models. Only a lexloom_* entry point replaces a built-in, as catalogue's entry points
    do."""

    def get(self, name: str):
        _populate()
        if catalogue.check_exists(*self.namespace, name) and not self._is_lexloom_entry_point(name):
            return catalogue._get([*self.namespace, name])
        return super().get(name)

    def __contains__(self, name: str) -> bool:
        _populate()
        return catalogue.check_exists(*self.namespace, name) or super().__contains__(name)

    def get_all(self) -> dict:
        """Every name -> function, as spaCy lists them: a lexloom.* name is left out where
        the same function is also registered under a spacy.* (or spacy-legacy.*, ...) name
        (get and `in` still know it). A spacy_* entry point of a name lexloom registers is
        not loaded (it is not the function get returns, and loading it imports spaCy)."""
        _populate()
        own = {keys[-1]: func for keys, func in catalogue.REGISTRY.copy().items()
               if keys[:-1] == self.namespace}
        found = {}
        if self.entry_points:
            for ep in self._get_entry_points():
                if ep.name not in found and (ep.name not in own
                                             or self._is_lexloom_entry_point(ep.name)):
                    found[ep.name] = ep.load()
        found.update({name: func for name, func in own.items() if name not in found})
        shared = {id(func) for name, func in found.items() if not name.startswith("lexloom.")}
        return {name: func for name, func in found.items()
                if not (name.startswith("lexloom.") and id(func) in shared)}

    def registered_in_lexloom(self, name: str) -> bool:
        """Whether `name` is taken in lexloom: registered in this process or declared by a
        lexloom_* entry point. A spacy_* entry point doesn't take a name: lexloom registering
        its own function under it (its `transformer` factory, with spacy-transformers
        installed beside) is not a clash, and checking must not import that package."""
        _populate()
        return catalogue.check_exists(*self.namespace, name) or bool(
            self._is_lexloom_entry_point(name))

    def find(self, name: str) -> dict:
        _populate()
        return super().find(name)

    def _is_lexloom_entry_point(self, name: str) -> bool:
        return self.entry_points and any(ep.name == name
                                         for ep in _group(self.entry_point_namespace))

    def _get_entry_points(self) -> list:
        return list(entry_points(*self.namespace[1:]))


# group -> (the entry-point listing it was read from, its entry points): catalogue scans every
# installed entry point on each lookup (~35 ms of loading en_core_web_sm); the listing is read
# once per process (tests replace it, which refreshes the groups).
_GROUPS: dict[str, tuple] = {}


def _group(group: str) -> tuple:
    available = catalogue.AVAILABLE_ENTRY_POINTS
    cached = _GROUPS.get(group)
    if cached is None or cached[0] is not available:
        if hasattr(available, "select"):
            found = tuple(available.select(group=group))
        else:  # a dict, on old Pythons
            found = tuple(available.get(group, []))
        cached = _GROUPS[group] = (available, found)
    return cached[1]


def entry_points(*name: str) -> tuple:
    """The entry points declared for lexloom's registry `name`: those of the group
    "lexloom_<name>", then those of spaCy's "spacy_<name>"."""
    return (*_group("_".join(("lexloom", *name))), *_group("_".join(("spacy", *name))))


def _populate() -> None:
    from . import registrations

    if not registrations.REGISTRY_POPULATED:
        registrations.populate_registry()


def create(*namespace: str, entry_points: bool = False) -> Registry:
    """catalogue.create, making a Registry."""
    if catalogue.check_exists(*namespace):
        raise catalogue.RegistryError(f"Namespace already exists: {namespace}")
    return Registry(namespace, entry_points=entry_points)
