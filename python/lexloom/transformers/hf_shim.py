"""HFShim: the torch model and its tokenizer inside the Thinc tree (thinc's PyTorchShim), so
thinc's optimizers, `finish_update`, `copy` and `to_gpu` work on it.

It serialises as spacy-transformers 1.4's shim does, so `model` files move between the two
libraries: msgpack of {"config": the HF config as a dict, "state": the state dict as
torch.save bytes, "tokenizer": the tokenizer's files by name plus "kwargs",
"_init_tokenizer_config", "_init_transformer_config"} (the last two only matter before a
model is loaded). lexloom reads "state" with torch.load(weights_only=True) (hf.py).
"""
from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from thinc.api import PyTorchShim
from thinc.types import ArgsKwargs

from ..built_once import built_once
from ..errors import DeserializationError


class HFShim(PyTorchShim):
    """Unlike PyTorchShim: backward may run several times per update (once per sub-batch),
    so gradients are unscaled once, in finish_update; inference runs under
    torch.inference_mode. tokenizer_config / transformer_config: the settings `name` is
    loaded with; max_batch_items: padded wordpieces per sub-batch (the component's setting,
    not saved with the weights); cpu_inference_dtype: the model config's setting (not saved
    with the weights either: config.cfg holds it). For int8 CPU inference the shim keeps a
    dynamically quantised copy of the model, made on first use and again after the weights
    change (finish_update, set_model, from_bytes); it is never saved or trained."""

    def __init__(self, model=None, *, mixed_precision: bool = False,
                 grad_scaler_config: dict | None = None, tokenizer=None,
                 tokenizer_config: dict | None = None, transformer_config: dict | None = None,
                 max_batch_items: int = 4096, cpu_inference_dtype: str = "float32",
                 model_cls=None):
        import torch  # noqa: F401  (first: thinc learns of torch as it is imported)
        from thinc.api import PyTorchGradScaler

        cfg = dict(grad_scaler_config or {})
        cfg.setdefault("enabled", mixed_precision)
        super().__init__(model, mixed_precision=mixed_precision,
                         grad_scaler=PyTorchGradScaler(**cfg))
        self.tokenizer = tokenizer
        self.tokenizer_config = dict(tokenizer_config or {})
        self.transformer_config = dict(transformer_config or {})
        self.max_batch_items = max_batch_items
        self.cpu_inference_dtype = cpu_inference_dtype
        self.max_length = None
        self._int8_model = None  # the quantised copy for int8 CPU inference (_quantized)
        self.model_cls = model_cls  # what from_bytes builds (None: AutoModel)

    @property
    def _hfmodel(self) -> "_ShimObjects":
        """spacy-transformers' view of the shim (`shim._hfmodel.tokenizer`, `.transformer`,
        `._init_tokenizer_config`, ...), for code written against its protocol."""
        return _ShimObjects(self)

    def set_model(self, hf_model, tokenizer) -> None:
        from thinc.util import get_torch_default_device

        from .hf import max_input_length

        device = get_torch_default_device()
        hf_model.to(device)
        self._grad_scaler.to_(device)
        self._model = hf_model
        self._int8_model = None
        self.tokenizer = tokenizer
        self.max_length = max_input_length(hf_model, tokenizer)

    @property
    def device(self):
        from thinc.util import get_torch_default_device

        if self._model is None:
            return get_torch_default_device()
        return super().device

    def to_device(self, device_type: str, device_id: int) -> None:
        if self._model is not None:
            super().to_device(device_type, device_id)

    def _autocast(self):
        import torch

        enabled = self._mixed_precision and self.device.type == "cuda"
        return torch.autocast(device_type=self.device.type, enabled=enabled)

    def _inference_setup(self):
        """(forward, autocast context, Linear-layer context) for one inference pass. On
        CPU, what model.cpu_inference_mode says (the config's cpu_inference_dtype, or the
        environment): "bfloat16": bfloat16 autocast (about 1.7x faster on MiniLM where the
        CPU has native bfloat16; hidden states differ from float32's by up to about 4e-2, so
        a few annotations change: benchmarks/README.md); "int8": the quantised copy
        (_quantized); "float32": the model as it is, its Linear layers on lexloom's
        products (packed weights, or numpy's BLAS) where those are the faster on this CPU
        (cpu_linear.py) and its attention lexloom's where cpu_encoder covers it. Training
        (begin_update) never uses them. On GPU: mixed_precision decides."""
        import torch

        from .cpu_linear import blas_linears, linear_choice
        from .model import cpu_inference_mode

        if self.device.type != "cpu":
            return self._model, self._autocast(), nullcontext()
        mode = cpu_inference_mode(self.cpu_inference_dtype)
        if mode == "int8":
            return self._quantized(), nullcontext(), nullcontext()
        if mode == "bfloat16":
            return self._model, torch.autocast("cpu", dtype=torch.bfloat16), nullcontext()
        choice = linear_choice(self._model)
        linears = (nullcontext() if choice == "torch"
                   else blas_linears(self._model, packed=choice == "packed"))
        return self._float32_cpu_forward, nullcontext(), linears

    def _float32_cpu_forward(self, *args, **kwargs):
        """The model's forward, through lexloom's attention kernel where cpu_encoder covers
        the model and these inputs."""
        from .cpu_encoder import run_encoder

        output = None if args else run_encoder(self._model, kwargs)
        return output if output is not None else self._model(*args, **kwargs)

    def _quantized(self):
        """The model with every nn.Linear dynamically quantised to int8 (weights quantised
        once, activations per call), made on first use after the weights last changed, by
        one thread however many ask at once."""
        return built_once(self, "_int8_model", self._quantize)

    def _quantize(self):
        import warnings

        import torch
        from torch.ao.quantization import quantize_dynamic

        if self._model.training:
            self._model.eval()
        # (catch_warnings is process-wide state; built_once never runs two builds at once,
        # so no other quantisation restores the filters in between)
        with warnings.catch_warnings():  # torch.ao.quantization's deprecation notices
            warnings.filterwarnings("ignore", message=".*(deprecat|quantiz).*")
            return quantize_dynamic(self._model, {torch.nn.Linear}, dtype=torch.qint8,
                                    inplace=False)

    def predict(self, inputs: ArgsKwargs) -> Any:
        import torch

        if self._model.training:
            self._model.eval()
        forward, autocast, linears = self._inference_setup()
        with torch.inference_mode(), autocast, linears:
            return forward(*inputs.args, **inputs.kwargs)

    def begin_update(self, inputs: ArgsKwargs):
        import torch

        if not self._model.training:
            self._model.train()
        with self._autocast():
            output = self._model(*inputs.args, **inputs.kwargs)

        def backprop(grads: ArgsKwargs) -> None:
            """grads: torch.autograd.backward's arguments (outputs, grad_tensors=...)."""
            scaled = self._grad_scaler.scale(list(grads.kwargs["grad_tensors"]), inplace=True)
            torch.autograd.backward(*grads.args, grad_tensors=scaled)

        return output, backprop

    def finish_update(self, optimizer) -> None:
        if self._model is None:
            return
        self._int8_model = None  # the weights change: quantise them again when next asked
        grads = [p.grad for p in self._model.parameters() if p.grad is not None]
        if grads:
            self._grad_scaler.unscale(grads)
        super().finish_update(optimizer)

    def to_bytes(self) -> bytes:
        import srsly

        from .hf import state_to_bytes, tokenizer_files

        if self._model is None:
            msg = {"config": {}, "state": b"", "tokenizer": {},
                   "_init_tokenizer_config": self.tokenizer_config,
                   "_init_transformer_config": self.transformer_config}
        else:
            msg = {"config": self._model.config.to_dict(),
                   "state": state_to_bytes(self._model),
                   "tokenizer": tokenizer_files(self.tokenizer),
                   "_init_tokenizer_config": {}, "_init_transformer_config": {}}
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, bytes_data: bytes) -> "HFShim":
        import srsly

        from .hf import model_from_parts

        try:
            msg = srsly.msgpack_loads(bytes_data)
            config, files, state = msg["config"], msg["tokenizer"], msg["state"]
        except (ValueError, KeyError, TypeError) as e:
            raise DeserializationError(
                f"The transformer's saved weights are corrupt or not a spacy-transformers / "
                f"lexloom transformer ({type(e).__name__}: {e}); save the pipeline again."
            ) from None
        if config:
            from ..util import SimpleFrozenDict

            self.set_model(*model_from_parts(config, files, state, model_cls=self.model_cls))
            # the settings for loading by name no longer apply (as spacy-transformers)
            self.tokenizer_config = SimpleFrozenDict()
            self.transformer_config = SimpleFrozenDict()
        else:  # saved before a model was loaded: keep the settings to load it with
            for key, attr in (("_init_tokenizer_config", "tokenizer_config"),
                              ("_init_transformer_config", "transformer_config")):
                if isinstance(msg.get(key), dict):
                    setattr(self, attr, dict(msg[key]))
        return self


class _ShimObjects:
    """HFObjects' fields over a live HFShim: reading and setting them reads and sets the
    shim's tokenizer, model and load settings."""

    def __init__(self, shim: HFShim) -> None:
        object.__setattr__(self, "_shim", shim)

    _FIELDS = {"tokenizer": "tokenizer", "transformer": "_model",
               "_init_tokenizer_config": "tokenizer_config",
               "_init_transformer_config": "transformer_config"}

    def __getattr__(self, name: str) -> Any:
        if name == "vocab_file_contents":
            return None  # lexloom saves the tokenizer's files whole
        if name not in self._FIELDS:
            raise AttributeError(name)
        return getattr(self._shim, self._FIELDS[name])

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "vocab_file_contents":
            return
        if name not in self._FIELDS:
            raise AttributeError(f"HFObjects has no field {name!r}")
        setattr(self._shim, self._FIELDS[name], value)


__all__ = ["HFShim"]
