"""`lexloom download`: install a trained pipeline package (spaCy's, from its GitHub
releases) with pip. Needs the network; offline it fails saying so. As spaCy's, the Python
function `download` prints what went wrong and exits (SystemExit) when it can't install."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from urllib.parse import urljoin

import typer

from ..util import is_package, run_command
from ._app import app
from ._util import fail, say

COMPAT_URL = "https://raw.githubusercontent.com/explosion/spacy-models/master/compatibility.json"
DOWNLOAD_URL = "https://github.com/explosion/spacy-models/releases/download"
SPACY_MINOR = "3.8"
_TIMEOUT_S = 15


def download(model: str, direct: bool = False, sdist: bool = False,
             custom_url: str | None = None, *pip_args: str) -> None:
    """pip-install the pipeline package `model` in the latest version made for spaCy 3.8
    (or, with `direct`, `model` is "name-version" and is installed as is). Exits with a
    message when it can't (as spaCy's does), but for an unreachable index, which raises
    DownloadConnectionError (a ConnectionError: spaCy lets requests' through, so code that
    catches it offline goes on); the steps below raise DownloadError."""
    from ..errors import DownloadConnectionError, DownloadError

    try:
        name = _install(model, direct, sdist, custom_url, pip_args)
    except DownloadConnectionError:
        raise
    except DownloadError as e:
        say("fail", "Download failed", str(e))
        sys.exit(1)
    say("good", "Download and installation successful",
        f"You can now load the package via lexloom.load('{name}')")


def _install(model: str, direct: bool, sdist: bool, custom_url: str | None,
             pip_args: Sequence[str]) -> str:
    """Find the release file of `model`, pip-install it, and return the package name."""
    if not is_package("spacy") and "--no-deps" not in pip_args:
        # spaCy's pipeline packages require spacy: without --no-deps pip would install it
        say("warn", "Installing the pipeline package with --no-deps: its dependencies "
                    "include spaCy itself, which lexloom doesn't need. Install any other "
                    "dependency it has yourself.")
        pip_args = (*pip_args, "--no-deps")
    if direct:
        if "/" in model:
            raise _error(f"Cannot download model '{model}': models are expected to be file "
                         "names, not URLs or fragments.")
        name, _, version = model.rpartition("-")
        if not name:
            raise _error(f"--direct needs '<name>-<version>', not '{model}'.")
    else:
        name = model
        version = get_version(name, get_compatibility())
    download_model(get_model_filename(name, version, sdist), pip_args, custom_url)
    return name


def get_model_filename(model_name: str, version: str, sdist: bool = False) -> str:
    """The release file of a package version: its wheel, or its sdist."""
    base = f"{model_name}-{version}"
    return f"{base}/{base}.tar.gz" if sdist else f"{base}/{base}-py3-none-any.whl"


def get_compatibility() -> dict:
    """{package: [versions, newest first]} for spaCy 3.8, from spaCy's models repository."""
    try:
        with urllib.request.urlopen(COMPAT_URL, timeout=_TIMEOUT_S) as response:
            table = json.loads(response.read().decode("utf8"))
    except (urllib.error.URLError, OSError) as e:
        from ..errors import DownloadConnectionError

        raise DownloadConnectionError(
            f"Can't reach {COMPAT_URL} ({getattr(e, 'reason', e)}): downloading needs the "
            "network. Offline, install a pipeline package from a wheel file with pip, or "
            "load a pipeline folder by its path.") from None
    compat = table.get("spacy", {}).get(SPACY_MINOR)
    if not compat:
        raise _error(f"No pipeline packages are listed for spaCy v{SPACY_MINOR}.")
    return compat


def get_version(model: str, comp: dict) -> str:
    if model not in comp:
        raise _error(f"No compatible package found for '{model}' (spaCy v{SPACY_MINOR}). "
                     f"Known: {', '.join(sorted(comp))}.")
    return comp[model][0]


def download_model(filename: str, user_pip_args: Sequence[str] | None = None,
                   custom_url: str | None = None) -> None:
    """pip install the release file (from custom_url when given); a file name that would
    lead outside the download folder ("../x") is refused."""
    base = custom_url or DOWNLOAD_URL
    url = urljoin(base if base.endswith("/") else base + "/", filename)
    if not url.startswith(base.rstrip("/") + "/"):
        raise _error(f"Download from {filename} rejected: it leads outside {base}. Was it a "
                     "relative path?")
    run_command(_get_pip_install_cmd() + list(user_pip_args or ()) + [url])


def _get_pip_install_cmd() -> list[str]:
    """How to install a package here: this Python's pip, else uv's."""
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip", "install"]
    if shutil.which("uv"):
        return ["uv", "pip", "install"]
    raise _error("Neither pip nor uv is installed here; install one of them to download "
                 "pipeline packages.")


def _error(text: str):
    from ..errors import DownloadError

    return DownloadError(text)


@app.command("download", context_settings={"allow_extra_args": True,
                                           "ignore_unknown_options": True})
def download_cli(
    ctx: typer.Context,
    model: str = typer.Argument(..., help="Name of pipeline package to download"),
    direct: bool = typer.Option(False, "--direct", "-d", "-D",
                                help="Force direct download of name + version"),
    sdist: bool = typer.Option(False, "--sdist", "-S",
                               help="Download sdist (.tar.gz) archive instead of "
                                    "pre-built binary wheel"),
    url: str = typer.Option(None, "--url", "-U", help="Download from given url"),
):
    """Download and install a trained pipeline package with pip; extra arguments go to
    pip install."""
    from ..errors import DownloadConnectionError

    try:
        download(model, direct, sdist, url, *ctx.args)
    except DownloadConnectionError as e:
        fail("Download failed", str(e))
