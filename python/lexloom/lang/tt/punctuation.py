"""Tatar infixes (Kyrgyz uses them too). The ASCII hyphen keeps compounds whole ("Хатын-кыз",
"Явым-төшем") and splits only between digits ("2010-2012"); the other dashes (en, em,
doubled em) and "~" split between letters. Brackets, quotes and runs of ",!?/()" split
between letters ("Ул эшли(кайчан?)"), and a quote also before a hyphen ('"хат"-ка')."""
from __future__ import annotations

from ..char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    LIST_ELLIPSES,
    LIST_ICONS,
)

_DASHES = "\u2013|\u2014|\u2014\u2014|~"  # every listed hyphen but those spelled with "-"


def turkic_infixes(extra: list[str] = ()) -> list[str]:
    """The Tatar/Kyrgyz infix list; `extra` goes after the letter rules."""
    return (
        LIST_ELLIPSES
        + LIST_ICONS
        + [
            f"(?<=[{ALPHA_LOWER}])\\.(?=[{ALPHA_UPPER}])",
            f"(?<=[{ALPHA}])[,!?/()]+(?=[{ALPHA}])",
            f"(?<=[{ALPHA}{CONCAT_QUOTES}])[:<>=](?=[{ALPHA}])",
            f"(?<=[{ALPHA}])--(?=[{ALPHA}])",
            f"(?<=[{ALPHA}])[{CONCAT_QUOTES})\\](\\[](?=[\\-{ALPHA}])",
            f"(?<=[{ALPHA}])(?:{_DASHES})(?=[{ALPHA}])",
        ]
        + list(extra)
        + [r"(?<=[0-9])-(?=[0-9])"]
    )


TOKENIZER_INFIXES: list[str] = turkic_infixes()
