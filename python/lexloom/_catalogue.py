"""catalogue registries in the "lexloom" namespace that also read spaCy's entry points."""
from __future__ import annotations

import catalogue


class Registry(catalogue.Registry):
    """A registry in the "lexloom" namespace whose entry points are those of the group
    "lexloom_<name>" and then of spaCy's "spacy_<name>" (plugin packages declare theirs for
    spaCy, e.g. `[spacy_misc] spacy.FewShotReader.v1 = spacy_llm.registry:fewshot_reader`).
    Lookups made on it directly (`registry.augmenters.get("spacy.lower_case.v1")`) first
    register lexloom's built-in functions, as importing spaCy does."""

    def get(self, name: str):
        _populate()
        return super().get(name)

    def __contains__(self, name: str) -> bool:
        _populate()
        return super().__contains__(name)

    def get_all(self) -> dict:
        """Every name -> function, as spaCy lists them: a lexloom.* name is left out where
        the same function is also registered under a spacy.* (or spacy-legacy.*, ...) name
        (get and `in` still know it)."""
        _populate()
        found = super().get_all()
        shared = {id(func) for name, func in found.items() if not name.startswith("lexloom.")}
        return {name: func for name, func in found.items()
                if not (name.startswith("lexloom.") and id(func) in shared)}

    def find(self, name: str) -> dict:
        _populate()
        return super().find(name)

    def _get_entry_points(self) -> list:
        found = list(super()._get_entry_points())
        group = "_".join(("spacy", *self.namespace[1:]))
        available = catalogue.AVAILABLE_ENTRY_POINTS
        if hasattr(available, "select"):
            found.extend(available.select(group=group))
        else:  # a dict, on old Pythons
            found.extend(available.get(group, []))
        return found


def _populate() -> None:
    from . import registrations

    if not registrations.REGISTRY_POPULATED:
        registrations.populate_registry()


def create(*namespace: str, entry_points: bool = False) -> Registry:
    """catalogue.create, making a Registry."""
    if catalogue.check_exists(*namespace):
        raise catalogue.RegistryError(f"Namespace already exists: {namespace}")
    return Registry(namespace, entry_points=entry_points)
