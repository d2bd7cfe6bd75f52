"""The moves of a transition system as spaCy keeps them: a table of label frequencies per
action, which fixes the order of the moves (and so the rows of the model's output layer),
and the component's `moves` file (msgpack of that table as JSON, plus the system's cfg).

Order (spaCy's `initialize_actions`): actions by number; within one, labels by frequency
then label, both descending; labels of negative frequency (added after the table was made)
come last, newest last, each with all its actions. `add` appends a move and gives it a
frequency below every other of its action, so saving and loading keep the order.

A table that knows its system (ArcEagerMoveTable in parser.py, BiluoMoveTable in ner.py) also
answers spaCy's TransitionSystem questions about single moves: a move's class name, fresh
states for Docs (init_batch), and whether a named move is valid in a state or applying it.
"""
from __future__ import annotations

from typing import Iterable

import srsly

from .. import msgpack
from ..built_once import built_once
from ..errors import DeserializationError, PipelineError


def _no_system() -> PipelineError:
    return PipelineError("This MoveTable knows no transition system, so it can't make or step "
                         "states; use a component's table (parser.moves, ner.moves).")


class MoveTable:
    """Label frequencies per action, and the moves (action, label) in model-output order."""

    #: The system's action letters by action number, which name its moves ("L-nsubj",
    #: "B-PER"); empty in a bare table, which knows no system.
    letters: str = ""

    def __init__(self, labels_by_action: dict | None = None, *, skip=None):
        """`skip(action, label)` is true for pairs the system never makes a move of (default:
        the table's own rule, `skips`)."""
        self._skip = skip
        self._native = None  # the native system of the current moves, built when asked
        self.labels: dict[int, dict[str, int]] = {}
        self.moves: list[tuple[int, str]] = []
        if labels_by_action:
            self.initialize(labels_by_action)

    def skips(self, action: int, label: str) -> bool:
        """Whether the system never makes a move of (action, label)."""
        return False

    def __getstate__(self) -> dict:
        # the native system doesn't pickle; it is rebuilt from the moves when asked
        return {**self.__dict__, "_native": None}

    def initialize(self, labels_by_action: dict) -> None:
        """Replace the moves with those of `labels_by_action` ({action: {label: freq}};
        action keys may be strings, as in the JSON file)."""
        self.labels = {}
        self.moves = []
        self._native = None
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
        if (self._skip or self.skips)(action, label) or (action, label) in self.moves:
            return 0
        self.moves.append((action, label))
        self._native = None
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

    # ---- the system's view (spaCy's TransitionSystem) -----------------------------------

    def move_name(self, action: int, label: str) -> str:
        """The action's letter, then "-label" unless the label is empty (arc-eager's rule;
        BILUO names its moves its own way)."""
        letter = self._letter(action)
        return f"{letter}-{label}" if label else letter

    def _letter(self, action: int) -> str:
        if not self.letters:
            raise PipelineError("This MoveTable knows no transition system, so its moves have "
                                "no names; use a component's table (parser.moves, ner.moves).")
        if not 0 <= action < len(self.letters):
            raise PipelineError(f"Action {action} is not one of this system's actions "
                                f"(0-{len(self.letters) - 1}: {', '.join(self.letters)}).")
        return self.letters[action]

    def get_class_name(self, i: int) -> str:
        """The name of move i, the model's output row i ("L-nsubj", "B-PER", "O", ...)."""
        if not -len(self.moves) <= i < len(self.moves):
            raise PipelineError(f"Move {i} is out of range: the system has {len(self.moves)} "
                                "moves.")
        return self.move_name(*self.moves[i])

    @property
    def native(self):
        """The native transition system of the current moves (rebuilt after they change)."""
        return built_once(self, "_native", self._build_native)

    def _build_native(self):
        raise _no_system()

    def init_batch(self, docs: Iterable) -> list:
        """A fresh state per Doc, to step with apply_transition (presets on the Docs, such
        as entities or sentence starts, constrain the moves)."""
        raise _no_system()

    def is_valid(self, state, name: str) -> bool:
        """Whether the move named `name` may be taken in `state`."""
        raise _no_system()

    def apply_transition(self, state, name: str) -> None:
        """Take the move named `name` in `state`; an error names the valid moves if it
        isn't one of them."""
        raise _no_system()

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
