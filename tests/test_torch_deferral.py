"""torch stays out of a process until something imports it, and thinc then uses it."""
import subprocess
import sys

import pytest

pytest.importorskip("torch")


def run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_building_a_model_does_not_import_torch():
    code = (
        "import sys, lexloom, thinc.api\n"
        "from lexloom.ml import ensure_registered\n"
        "ensure_registered()\n"
        "import thinc.compat, thinc.util\n"
        "print('torch' in sys.modules, thinc.compat.has_torch, thinc.util.has_torch)\n"
    )
    assert run(code) == "False False False"


def test_thinc_finds_torch_once_it_is_imported():
    code = (
        "import lexloom, thinc.api, numpy\n"
        "import torch\n"
        "import thinc.compat, thinc.util, thinc.shims.pytorch\n"
        "from thinc.api import PyTorchWrapper\n"
        "assert thinc.compat.has_torch and thinc.util.has_torch\n"
        "assert thinc.util.torch is torch and thinc.shims.pytorch.torch is torch\n"
        "model = PyTorchWrapper(torch.nn.Linear(3, 2))\n"
        "model.initialize()\n"
        "print(model.predict(numpy.ones((4, 3), dtype='f')).shape)\n"
    )
    assert run(code) == "(4, 2)"


def test_torch_imported_first_is_left_alone():
    code = (
        "import torch, lexloom, thinc.api, thinc.compat\n"
        "print(thinc.compat.torch is torch)\n"
    )
    assert run(code) == "True"
