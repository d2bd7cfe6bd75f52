"""lexloom's transformer sub-batching from before issue 14, patched into benchmark runs to
compare with: spans sorted by length, packed greedily until (spans x longest) passes
max_items."""
import numpy


def greedy_sub_batches(lengths, max_items):
    order = numpy.argsort(numpy.asarray(lengths), kind="stable")
    groups, current, longest = [], [], 0
    for index in order.tolist():
        length = lengths[index]
        if current and (len(current) + 1) * max(longest, length) > max_items:
            groups.append(current)
            current, longest = [], 0
        current.append(index)
        longest = max(longest, length)
    groups.append(current)
    return [numpy.asarray(g, dtype="int64") for g in groups]
