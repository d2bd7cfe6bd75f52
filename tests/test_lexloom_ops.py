"""lexloom.ml.ops.LexloomOps: thinc's NumpyOps with faster kernels that give its values."""
import numpy
import pytest
from thinc.api import NumpyOps

from lexloom.ml.ops import LexloomOps


@pytest.mark.parametrize("shape,drop", [((600, 288), 0.1), ((7,), 0.5), ((3, 4, 5), 0.33),
                                        ((1000,), 1e-9), ((50, 96), 0.999), ((4,), 0.0),
                                        ((4,), None), ((4,), 1.0)])
def test_dropout_mask_is_thincs_from_the_same_random_draws(shape, drop):
    """Training makes spaCy's masks: the same draws of numpy's global random state, and the
    same float32 values (0 or the float32 of thinc's float64 1 / (1 - drop))."""
    numpy.random.seed(3)
    expected = NumpyOps().get_dropout_mask(shape, drop)
    after_thinc = numpy.random.random()
    numpy.random.seed(3)
    got = LexloomOps().get_dropout_mask(shape, drop)
    assert numpy.random.random() == after_thinc  # the random state moved as far
    assert got.dtype == expected.dtype == numpy.float32 and got.shape == expected.shape
    assert got.tobytes() == expected.tobytes()


def test_dropout_mask_of_shape_nothing_is_a_zero_d_array():
    numpy.random.seed(0)
    expected = NumpyOps().get_dropout_mask((), 0.5)
    numpy.random.seed(0)
    got = LexloomOps().get_dropout_mask((), 0.5)
    assert isinstance(got, numpy.ndarray) and got.shape == () == expected.shape
    assert got.tobytes() == expected.tobytes()
