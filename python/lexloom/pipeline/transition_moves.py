"""The moves of a transition system as spaCy keeps them: a table of label frequencies per
action, which fixes the order of the moves (and so the rows of the model's output layer),
and the component's `moves` file (msgpack of that table as JSON, plus the system's cfg).

Order (spaCy's `initialize_actions`): actions by number; within one, labels by frequency
then label, both descending; labels of negative frequency (added after the table was made)
come last, newest last, each with all its actions. `add` appends a move and gives it a
frequency below every other of its action, so saving and loading keep the order.
"""
from __future__ import annotations

from typing import Iterable

import srsly

from .. import msgpack
from ..errors import DeserializationError


def _never(action: int, label: str) -> bool:
    return False


class MoveTable:
    """Label frequencies per action, and the moves (action, label) in model-output order."""

    def __init__(self, labels_by_action: dict | None = None, *, skip=None):
        """`skip(action, label)` is true for pairs the system never makes a move of (the
        entity recognizer's MISSING action, OUT with a label)."""
        self._skip = skip or _never
        self.labels: dict[int, dict[str, int]] = {}
        self.moves: list[tuple[int, str]] = []
        if labels_by_action:
            self.initialize(labels_by_action)

    def initialize(self, labels_by_action: dict) -> None:
        """Replace the moves with those of `labels_by_action` ({action: {label: freq}};
        action keys may be strings, as in the JSON file)."""
        self.labels = {}
        self.moves = []
        added: list[tuple[int, str]] = []
        added_actions: dict[str, list[int]] = {}
        for action, label_freqs in sorted(labels_by_action.items()):
            action = int(action)
            self.labels[action] = {}
            for freq, label in sorted(((f, lb) for lb, f in label_freqs.items()), reverse=True):
                if freq < 0:
                    added.append((freq, label))
                    added_actions.setdefault(label, []).append(action)
                else:
                    self.add(action, label)
                    self.labels[action][label] = freq
        for freq, label in sorted(added, reverse=True):
            for action in added_actions[label]:
                self.add(action, label)
                self.labels[action][label] = freq

    def add(self, action: int, label: str) -> int:
        """Append the move (action, label) unless it exists or is skipped; 1 if added."""
        if self._skip(action, label) or (action, label) in self.moves:
            return 0
        self.moves.append((action, label))
        freqs = self.labels.setdefault(action, {})
        lowest = min(min(freqs.values()), 0) if freqs else 0
        freqs[label] = lowest - 1
        return 1

    def add_action(self, action: int, label: str) -> int:
        """spaCy's TransitionSystem.add_action: `add`."""
        return self.add(action, label)

    @property
    def n_moves(self) -> int:
        """How many moves (the rows of the model's output), as spaCy's systems say it."""
        return len(self.moves)

    def __len__(self) -> int:
        return len(self.moves)

    def labels_of(self, actions: Iterable[int]) -> list[str]:
        """Labels with a move of one of these actions, in move order, each once."""
        actions = set(actions)
        seen: dict[str, None] = {}
        for action, label in self.moves:
            if action in actions and label:
                seen.setdefault(label, None)
        return list(seen)

    def to_bytes(self, cfg: dict) -> bytes:
        """The `moves` file: {"moves": JSON of the table, "cfg": cfg} as msgpack."""
        table = {str(a): dict(freqs) for a, freqs in self.labels.items()}
        return msgpack.dumps({"moves": srsly.json_dumps(table), "cfg": cfg})

    @staticmethod
    def read_bytes(data: bytes, where: str) -> tuple[dict, dict]:
        """(labels_by_action, cfg) from a `moves` file; DeserializationError if malformed."""
        try:
            msg = msgpack.loads(data)
            table = srsly.json_loads(msg["moves"])
            cfg = msg.get("cfg") or {}
            ok = isinstance(table, dict) and isinstance(cfg, dict) and all(
                str(a).isdigit() and isinstance(freqs, dict)
                and all(isinstance(lb, str) and isinstance(f, int) for lb, f in freqs.items())
                for a, freqs in table.items())
        except (ValueError, KeyError, TypeError) as e:
            raise DeserializationError(f"{where} is not a transition system's moves file "
                                       f"({type(e).__name__}: {e}).") from None
        if not ok:
            raise DeserializationError(f"{where}: the moves table must map action numbers to "
                                       "{label: frequency}; the file is damaged or not spaCy's.")
        return table, cfg


__all__ = ["MoveTable"]
