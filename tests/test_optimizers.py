"""lexloom.training.optimizers: Adam.v1 as thinc's Optimizer with a one-pass native step,
bit for bit the weights, moments and averages thinc's own code gives."""
import itertools

import numpy
import pytest
from thinc.api import Optimizer
from thinc.api import registry as thinc_registry

import lexloom
from lexloom.errors import ModelError
from lexloom.training import Example
from lexloom.training._adam import adam_update_
from lexloom.training.optimizers import Adam, FusedAdam
from lexloom.util import registry


def _steps(opt, weights, gradients, key=(1, "W"), lr_scale=1.0):
    for gradient in gradients:
        weights, gradient = opt(key, weights, gradient.copy(), lr_scale=lr_scale)
        assert not gradient.any()
    return weights


def _state(opt, key=(1, "W")):
    averages = opt.averages[key].tobytes() if opt.averages is not None else None
    return opt.mom1[key].tobytes(), opt.mom2[key].tobytes(), averages


@pytest.mark.parametrize("grad_clip,L2,weight_decay,averages,lr_scale", list(itertools.product(
    [0.0, 1.0, 1e-3], [0.0, 0.01], [True, False], [True, False], [1.0, 0.37])))
def test_fused_adam_steps_as_thincs_optimizer(grad_clip, L2, weight_decay, averages, lr_scale):
    settings = dict(L2=L2, grad_clip=grad_clip, L2_is_weight_decay=weight_decay,
                    use_averages=averages)
    rng = numpy.random.default_rng(7)
    for shape in [(1,), (13,), (40, 17), (3, 4, 65)]:
        start = rng.standard_normal(shape, dtype="f")
        grads = [rng.standard_normal(shape, dtype="f") * numpy.float32(scale)
                 for scale in (3.0, 1e-4, 0.05, 0.0, 2.0)]
        thinc_opt = Optimizer(0.001, **settings)
        fused = FusedAdam(0.001, **settings)
        expected = _steps(thinc_opt, start.copy(), grads, lr_scale=lr_scale)
        got = _steps(fused, start.copy(), grads, lr_scale=lr_scale)
        assert got.shape == shape
        assert got.tobytes() == expected.tobytes()
        assert _state(fused) == _state(thinc_opt)


def test_fused_adam_falls_back_to_thinc_where_it_cannot_fuse():
    rng = numpy.random.default_rng(0)
    weights = rng.standard_normal((6, 8), dtype="f")
    gradient = rng.standard_normal((8, 6), dtype="f").T  # not C-contiguous
    thinc_opt, fused = Optimizer(0.01), FusedAdam(0.01)
    expected, _ = thinc_opt((1, "W"), weights.copy(), gradient.copy())
    got, _ = fused((1, "W"), weights.copy(), gradient.copy())
    assert got.tobytes() == expected.tobytes()
    radam_thinc = Optimizer(0.01, use_radam=True)
    radam_fused = FusedAdam(0.01, use_radam=True)
    grad = rng.standard_normal((5,), dtype="f")
    a, _ = radam_thinc((1, "b"), numpy.ones(5, "f"), grad.copy())
    b, _ = radam_fused((1, "b"), numpy.ones(5, "f"), grad.copy())
    assert a.tobytes() == b.tobytes()


def test_adam_update_rejects_arrays_it_cannot_use():
    w = numpy.zeros((4,), dtype="f")
    args = (0.9, 0.999, 1e-8, 0.001, None, None, 0.0)
    with pytest.raises(ModelError, match="gradient"):
        adam_update_(w, numpy.zeros((4,), dtype="float64"), w.copy(), w.copy(), None, *args)
    with pytest.raises(ModelError, match="first moments"):
        adam_update_(w, w.copy(), numpy.zeros((5,), dtype="f"), w.copy(), None, *args)
    read_only = w.copy()
    read_only.flags.writeable = False
    with pytest.raises(ModelError, match="weights"):
        adam_update_(read_only, w.copy(), w.copy(), w.copy(), None, *args)


def test_config_adam_is_the_fused_optimizer_and_thincs_registry_keeps_its_own():
    config = {"opt": {"@optimizers": "Adam.v1", "learn_rate": 0.002, "L2": 0.01}}
    opt = registry.resolve(config)["opt"]
    assert isinstance(opt, FusedAdam) and isinstance(opt, Optimizer)
    assert opt.learn_rate == 0.002 and opt.L2 == 0.01
    assert thinc_registry.optimizers.get("Adam.v1") is not Adam  # spaCy's, in one process
    assert isinstance(lexloom.util.create_default_optimizer(), FusedAdam)


def test_training_with_fused_adam_gives_thincs_weights():
    def train(optimizer):
        lexloom.util.fix_random_seed(0)
        nlp = lexloom.blank("en")
        nlp.add_pipe("tagger")
        texts = [("I like green eggs", ["PRP", "VBP", "JJ", "NNS"]),
                 ("Eat blue ham", ["VB", "JJ", "NN"])]
        examples = [Example.from_dict(nlp.make_doc(t), {"tags": tags}) for t, tags in texts]
        nlp.initialize(lambda: examples)
        for _ in range(4):
            nlp.update(examples, sgd=optimizer)
        model = nlp.get_pipe("tagger").model
        return [node.get_param(name).tobytes() for node in model.walk()
                for name in node.param_names if node.has_param(name)]

    settings = dict(L2=0.01, grad_clip=1.0, use_averages=True)
    assert train(FusedAdam(0.01, **settings)) == train(Optimizer(0.01, **settings))


def test_schedules_of_numpy_floats_give_thincs_steps():
    """thinc's cyclic_triangular.v1 yields numpy float64 scalars, with which numpy makes
    thinc's weight decay and clipping in float64: FusedAdam gives those steps too."""
    schedule = thinc_registry.schedules.get("cyclic_triangular.v1")
    rng = numpy.random.default_rng(0)
    start = rng.standard_normal((300, 40), dtype="f")
    grads = [rng.standard_normal((300, 40), dtype="f") for _ in range(6)]
    for settings in (lambda: {"learn_rate": schedule(0.001, 0.01, 3), "L2": 0.01},
                     lambda: {"learn_rate": 0.001, "grad_clip": schedule(0.01, 0.1, 3)}):
        results = []
        for cls in (Optimizer, FusedAdam):
            opt, weights = cls(**settings()), start.copy()
            for gradient in grads:
                weights, _ = opt((1, "W"), weights, gradient.copy())
                opt.step_schedules()
            results.append(weights.tobytes())
        assert results[0] == results[1]


def test_arrays_fused_adam_cannot_take_go_to_thinc():
    """A gradient that is the weights themselves, or a key reused for a parameter of
    another shape: thinc's own code decides (and raises where it raises)."""
    rng = numpy.random.default_rng(1)
    w = rng.standard_normal((10,), dtype="f")
    a, b = w.copy(), w.copy()
    expected, _ = Optimizer(0.01)((1, "W"), a, a)
    got, _ = FusedAdam(0.01)((1, "W"), b, b)
    assert got.tobytes() == expected.tobytes()
    for opt in (Optimizer(0.01), FusedAdam(0.01)):
        opt((1, "W"), numpy.zeros((4, 6), "f"), numpy.ones((4, 6), "f"))
        with pytest.raises(ValueError):
            opt((1, "W"), numpy.zeros((6, 4), "f"), numpy.ones((6, 4), "f"))
