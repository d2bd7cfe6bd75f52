"""Fuzzing without coverage feedback: libFuzzer's bytes as an edit of a seed file."""
from __future__ import annotations


def splice(seeds: list[bytes], data: bytes) -> bytes:
    """The input a target gets when there is no coverage feedback (--no-instrument).

    Without coverage libFuzzer never keeps an input, so it mutates a one-byte corpus: random
    bytes that a file reader refuses at its first check. Here its bytes become an edit of one
    of the target's seed files instead (overwrite, insert, truncate-and-append or XOR at an
    offset; one input in five goes through as it is), so most inputs are nearly valid files
    and reach the code past the header checks. Deterministic: the runner re-derives the
    spliced input of a finding from libFuzzer's raw one."""
    if len(data) < 4 or not seeds or data[1] % 5 == 4:
        return data
    seed = seeds[data[0] % len(seeds)]
    pos = int.from_bytes(data[2:4], "little") % (len(seed) + 1)
    payload, op = data[4:], data[1] % 5
    if op == 0:
        return seed[:pos] + payload + seed[pos + len(payload):]
    if op == 1:
        return seed[:pos] + payload + seed[pos:]
    if op == 2:
        return seed[:pos] + payload
    tail = bytes(a ^ b for a, b in zip(seed[pos:pos + len(payload)], payload))
    return seed[:pos] + tail + seed[pos + len(tail):]
