"""Loading an installed pipeline package by name: its data folder is read without running
its code, except when it ships code files (`package --code`), which register the custom
components its config names, as spaCy's import of the package does."""
import json
import sys

import pytest

import lexloom
from lexloom.errors import PipelineError


def _package(tmp_path, name: str, code: str | None, init: str) -> None:
    """A package folder `name` on sys.path: a data folder saved by lexloom with a
    `<name>_shout` component, code.py (if given) and __init__.py."""
    package = tmp_path / name
    package.mkdir()
    meta = {"lang": "en", "name": name.split("_", 1)[1], "version": "0.0.1"}
    (package / "meta.json").write_text(json.dumps(meta))
    if code is not None:
        (package / "code.py").write_text(code)
    (package / "__init__.py").write_text(init)
    component = f"{name}_shout"

    @lexloom.Language.component(component)
    def shout(doc):
        doc.user_data["shouted"] = doc.text.upper()
        return doc

    nlp = lexloom.blank("en")
    nlp.add_pipe(component)
    nlp.meta.update(meta)
    nlp.to_disk(package / f"en_{meta['name']}-0.0.1")
    from lexloom.registry import registry

    for key in (component, f"en.{component}"):   # registered again only by the package
        if key in registry.factories:
            import catalogue

            catalogue._remove(("lexloom", "factories", key))
        lexloom.Language._factory_meta.pop(key, None)


@pytest.fixture
def on_path(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [m for m in sys.modules if m.startswith("xx_pkg")]:
        del sys.modules[name]


def test_a_package_with_code_files_is_imported_so_its_components_are_known(on_path):
    code = ("import lexloom\n"
            "@lexloom.Language.component('xx_pkgcode_shout')\n"
            "def shout(doc):\n"
            "    doc.user_data['shouted'] = doc.text.upper()\n"
            "    return doc\n")
    _package(on_path, "xx_pkgcode", code, "from . import code  # noqa\n")
    nlp = lexloom.load("xx_pkgcode")
    assert nlp.pipe_names == ["xx_pkgcode_shout"]
    assert nlp("hi there").user_data["shouted"] == "HI THERE"


def test_a_package_without_code_files_is_not_imported(on_path):
    _package(on_path, "xx_pkgdata", None, "raise RuntimeError('the package code ran')\n")
    lexloom.Language.component("xx_pkgdata_shout", func=lambda doc: doc)
    assert lexloom.load("xx_pkgdata").pipe_names == ["xx_pkgdata_shout"]
    assert "xx_pkgdata" not in sys.modules


def test_a_code_files_package_whose_code_is_missing_a_component_says_which(on_path):
    _package(on_path, "xx_pkgnone", "VALUE = 1\n", "from . import code  # noqa\n")
    with pytest.raises(PipelineError, match="xx_pkgnone_shout"):
        lexloom.load("xx_pkgnone")


def test_a_code_package_is_imported_only_for_a_component_lexloom_does_not_know(on_path):
    # spaCy's `package --code` writes `from spacy.util import ...` in __init__.py: with the
    # components already registered, nothing needs the import, and loading reads the data
    init = "import lexloom_test_module_that_is_not_there  # noqa\nfrom . import code  # noqa\n"
    _package(on_path, "xx_pkgknown", "VALUE = 1\n", init)
    lexloom.Language.component("xx_pkgknown_shout", func=lambda doc: doc)
    assert lexloom.load("xx_pkgknown").pipe_names == ["xx_pkgknown_shout"]
    assert "xx_pkgknown" not in sys.modules


def test_a_code_package_that_fails_to_import_says_so_with_the_unknown_component(on_path):
    init = "import lexloom_test_module_that_is_not_there  # noqa\nfrom . import code  # noqa\n"
    _package(on_path, "xx_pkgbroken", "VALUE = 1\n", init)
    with pytest.raises(PipelineError, match=r"(?s)xx_pkgbroken_shout.*code\.py.*importing the "
                                            r"package failed.*lexloom_test_module_that_is"):
        lexloom.load("xx_pkgbroken")


def test_a_code_package_whose_code_registers_a_function_the_config_names(on_path):
    # not a component: an [nlp.after_creation] callback its code registers (E893 unknown)
    code = ("import lexloom\n"
            "@lexloom.registry.callbacks('xx_pkgcb_after.v1')\n"
            "def make():\n"
            "    def after(nlp):\n"
            "        nlp.meta['touched'] = True\n"
            "        return nlp\n"
            "    return after\n")
    _package(on_path, "xx_pkgcb", code, "from . import code  # noqa\n")
    lexloom.Language.component("xx_pkgcb_shout", func=lambda doc: doc)
    config = next(on_path.glob("xx_pkgcb/en_*/config.cfg"))
    text = config.read_text().replace("after_creation = null\n", "")
    config.write_text(text + '\n[nlp.after_creation]\n@callbacks = "xx_pkgcb_after.v1"\n')
    nlp = lexloom.load("xx_pkgcb")
    assert nlp.meta.get("touched") is True
