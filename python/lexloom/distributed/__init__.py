"""Annotate and train across a Ray cluster (the `ray` extra: pip install 'lexloom[ray]').

`apply(pipeline, source, output)` runs a pipeline over JSONL / text / Parquet / .spacy inputs
on a pool of Ray actors and writes one .spacy shard per input block; `read_output(output)`
gives the Docs back in input order. `train(config_path, output_path, n_workers=N)` trains
data-parallel with gradients averaged every step (torch.distributed, gloo, inside Ray
actors). Ray is imported only when these run.
"""
from __future__ import annotations

from .apply import apply, plan_blocks, read_output
from .cluster import connect
from .train import train

__all__ = ["apply", "read_output", "plan_blocks", "connect", "train"]
