"""pytest.lazy_fixture(name) for suites written for pytest-lazy-fixture (see README.md): a
parameter value that is replaced by the fixture's value when the test runs."""
import pytest


class LazyFixture:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<lazy_fixture {self.name}>"


pytest.lazy_fixture = LazyFixture


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    funcargs = getattr(item, "funcargs", {})
    for key, value in list(funcargs.items()):
        if isinstance(value, LazyFixture):
            funcargs[key] = item._request.getfixturevalue(value.name)
