"""`lexloom benchmark speed`: words per second of a pipeline over batches of a corpus's texts,
with the mean's bootstrap confidence interval and the share of outlier batches (as
`spacy benchmark speed` prints them), and the standard deviation over batches."""
from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path

import numpy
import typer

from ._app import app
from ._util import fail

benchmark_app = typer.Typer(name="benchmark", help="Commands for benchmarking pipelines.",
                            no_args_is_help=True)
app.add_typer(benchmark_app, name="benchmark")


def benchmark_speed(model, data_path: str | Path, *, batch_size: int | None = None,
                    shuffle: bool = True, n_batches: int = 50, warmup_epochs: int = 3,
                    echo: Callable[[str], None] = print) -> numpy.ndarray:
    """Words/s of each of `n_batches` batches of the corpus's texts (drawn at random with
    `shuffle`, else in order, repeating the corpus as needed), after `warmup_epochs` passes
    over it; prints the outliers and the mean with its 95% confidence interval.
    `model`: a pipeline name or folder, or a loaded pipeline."""
    from .. import load
    from ..errors import ConfigError
    from ..training.corpus import Corpus

    nlp = load(model) if isinstance(model, (str, Path)) else model
    batch_size = batch_size if batch_size is not None else nlp.batch_size
    docs = [eg.predicted for eg in Corpus(data_path)(nlp)]
    if not docs:
        raise ConfigError(f"{data_path}: the corpus is empty; the speed benchmark needs texts.")
    echo(f"Warming up for {warmup_epochs} epochs...")
    warmup(nlp, docs, warmup_epochs, batch_size)
    echo("")
    echo(f"Benchmarking {n_batches} batches...")
    wps = benchmark(nlp, docs, n_batches, batch_size, shuffle)
    echo("")
    echo(outliers_line(wps))
    echo(mean_with_ci_line(wps))
    echo(std_line(wps))
    return wps


class time_context:
    """Times the block it wraps: `with time_context() as t: ...`, then t.elapsed (s)."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.elapsed = time.perf_counter() - self.start


class Quartiles:
    """q1, q2, q3 and the inter-quartile range of a sample."""

    def __init__(self, sample: numpy.ndarray) -> None:
        self.q1 = float(numpy.quantile(sample, 0.25))
        self.q2 = float(numpy.quantile(sample, 0.5))
        self.q3 = float(numpy.quantile(sample, 0.75))
        self.iqr = self.q3 - self.q1


def annotate(nlp, docs: list, batch_size: int | None) -> numpy.ndarray:
    """Words/s of each batch as nlp.pipe annotates `docs` (the time includes the pipe's own
    batching)."""
    from tqdm import tqdm

    size = batch_size or nlp.batch_size
    stream = nlp.pipe(tqdm(docs, unit="doc", disable=None), batch_size=size)
    wps = []
    while True:
        with time_context() as elapsed:
            batch = list(islice(stream, size))
        if not batch:
            break
        wps.append(count_tokens(batch) / max(elapsed.elapsed, 1e-12))
    return numpy.asarray(wps)


def benchmark(nlp, docs: list, n_batches: int, batch_size: int, shuffle: bool
              ) -> numpy.ndarray:
    """Words/s of n_batches batches of fresh Docs made from the texts of `docs`."""
    n = n_batches * batch_size
    texts = [random.choice(docs).text for _ in range(n)] if shuffle \
        else [docs[i % len(docs)].text for i in range(n)]
    return annotate(nlp, [nlp.make_doc(text) for text in texts], batch_size)


def warmup(nlp, docs: list, warmup_epochs: int, batch_size: int | None) -> numpy.ndarray:
    """Annotate copies of the corpus warmup_epochs times (caches, allocations, JIT)."""
    return annotate(nlp, [doc.copy() for doc in docs * warmup_epochs], batch_size)


def bootstrap(x: numpy.ndarray, statistic: Callable = numpy.mean, iterations: int = 10000
              ) -> numpy.ndarray:
    """The statistic of `iterations` resamples (with replacement) of x."""
    return numpy.fromiter((statistic(numpy.random.choice(x, len(x), replace=True))
                           for _ in range(iterations)), numpy.float64, count=iterations)


def count_tokens(docs: Iterable) -> int:
    return sum(len(doc) for doc in docs)


def mean_with_ci_line(sample: numpy.ndarray) -> str:
    mean = float(numpy.mean(sample))
    means = numpy.sort(bootstrap(sample))
    low, high = means[int(len(means) * 0.025)], means[int(len(means) * 0.975)]
    return f"Mean: {mean:.1f} words/s (95% CI: {low - mean:.1f} +{high - mean:.1f})"


def std_line(sample: numpy.ndarray) -> str:
    """The spread of the per-batch rates (the CI above is the mean's, not the batches')."""
    return (f"Std: {float(numpy.std(sample, ddof=1)) if len(sample) > 1 else 0.0:.1f} words/s "
            f"over {len(sample)} batches")


def outliers_line(sample: numpy.ndarray) -> str:
    q = Quartiles(sample)
    outside = (sample < q.q1 - 1.5 * q.iqr) | (sample > q.q3 + 1.5 * q.iqr)
    extreme = (sample < q.q1 - 3.0 * q.iqr) | (sample > q.q3 + 3.0 * q.iqr)
    return (f"Outliers: {100 * numpy.sum(outside) / len(sample):.1f}%, extreme outliers: "
            f"{100 * numpy.sum(extreme) / len(sample)}%")


def print_mean_with_ci(sample: numpy.ndarray) -> None:
    print(mean_with_ci_line(sample))


def print_outliers(sample: numpy.ndarray) -> None:
    print(outliers_line(sample))


@benchmark_app.command("speed", context_settings={"allow_extra_args": True,
                                                  "ignore_unknown_options": True})
def benchmark_speed_cli(
    ctx: typer.Context,
    model: str = typer.Argument(..., help="Model name or path"),
    data_path: Path = typer.Argument(..., help="Location of binary evaluation data in .spacy "
                                     "format", exists=True),
    batch_size: int | None = typer.Option(None, "--batch-size", "-b", min=1,
                                             help="Override the pipeline batch size"),
    no_shuffle: bool = typer.Option(False, "--no-shuffle", help="Do not shuffle benchmark data"),
    use_gpu: int = typer.Option(-1, "--gpu-id", "-g", help="GPU ID or -1 for CPU"),
    n_batches: int = typer.Option(50, "--batches", min=30,
                                  help="Minimum number of batches to benchmark"),
    warmup_epochs: int = typer.Option(3, "--warmup", "-w", min=0,
                                      help="Number of iterations over the data for warmup"),
    code_path: Path | None = typer.Option(None, "--code", "-c",
                                             help="Python file with registered functions"),
):
    """Benchmark a pipeline's speed (words/s) on the texts of a .spacy corpus."""
    from ..errors import LexloomError
    from ..training.loop import setup_gpu
    from ._util import import_code

    try:
        import_code(code_path)
        setup_gpu(use_gpu)
        benchmark_speed(model, data_path, batch_size=batch_size, shuffle=not no_shuffle,
                        n_batches=n_batches, warmup_epochs=warmup_epochs)
    except LexloomError as e:
        fail(str(e))
