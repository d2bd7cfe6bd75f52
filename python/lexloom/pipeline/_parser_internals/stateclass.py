"""spaCy's StateClass: an arc-eager parse state with spaCy's method names. It *is* the native
state (lexloom.parser_internals.arc_eager.ParseState), so the transition system steps it
directly; this class only renames: S(i), B(i), H(i), L / R (the newest two children per
side, as the parser's features read them), is_final() as a method, and so on.
"""
from __future__ import annotations

from ...errors import ModelError
from ...parser_internals.arc_eager import ParseState

__all__ = ["StateClass"]


class StateClass(ParseState):
    """A parse in progress over one Doc (stack, buffer, arcs), with spaCy's API."""

    def __init__(self, doc=None, offset: int = 0):
        """A fresh state over `doc`; `offset` (spaCy's position of the Doc in a batch) is
        accepted and not needed: lexloom's batch functions take the offsets themselves."""
        if doc is None:
            raise ModelError("StateClass needs the Doc it parses: StateClass(doc).")
        super().__init__(doc)

    def is_final(self) -> bool:  # a property on ParseState; spaCy calls it
        """Whether the stack and the buffer are both empty."""
        return bool(ParseState.is_final.__get__(self))

    @property
    def queue(self) -> list:
        """The buffer's words, B0 first."""
        return self.buffer

    @property
    def length(self) -> int:
        return len(self)

    @property
    def arcs(self) -> list[dict]:
        """The arcs made so far, {"head", "child", "label"} each, by child."""
        return [{"head": head, "child": child, "label": label}
                for child, (head, label) in enumerate(zip(self.heads, self.label_ids))
                if head is not None]

    def S(self, i: int) -> int:
        """The i-th word of the stack from the top, -1 if none."""
        stack = self.stack
        return stack[i] if 0 <= i < len(stack) else -1

    def B(self, i: int) -> int:
        """The i-th word of the buffer, -1 if none."""
        buffer = self.buffer
        return buffer[i] if 0 <= i < len(buffer) else -1

    def H(self, child: int) -> int:
        """child's head, -1 while it has none (or out of range)."""
        heads = self.heads
        head = heads[child] if 0 <= child < len(heads) else None
        return -1 if head is None else head

    def has_head(self, i: int) -> bool:
        return self.H(i) >= 0

    def L(self, head: int, idx: int) -> int:
        """head's idx-th newest left child (idx 1 or 2), -1 if none."""
        return self.left_child(head, idx)

    def R(self, head: int, idx: int) -> int:
        """head's idx-th newest right child (idx 1 or 2), -1 if none."""
        return self.right_child(head, idx)

    def n_L(self, head: int) -> int:
        """How many left children head has."""
        return sum(1 for child, h in enumerate(self.heads[:head]) if h == head)

    def n_R(self, head: int) -> int:
        """How many right children head has."""
        return sum(1 for h in self.heads[head + 1:] if h == head)

    def stack_depth(self) -> int:
        return len(self.stack)

    def buffer_length(self) -> int:
        return len(self.buffer)

    def empty(self) -> bool:
        """Whether the stack is empty."""
        return not self.stack

    def eol(self) -> bool:
        """Whether the buffer is empty."""
        return not self.buffer

    def print_state(self) -> str:
        words = [t.text for t in self.doc]
        stack = " ".join(words[i] for i in reversed(self.stack))
        buffer = " ".join(words[i] for i in self.buffer)
        return f"{stack} | {buffer}"
