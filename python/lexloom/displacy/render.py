"""The three displaCy renderers: parsed dicts (from parse_deps / parse_ents / parse_spans, or
written by hand with manual=True) in, SVG or HTML markup out. The geometry and markup are
spaCy's, so output matches spacy.displacy's for the same input and options."""
from __future__ import annotations

import uuid
from typing import Any

from ..errors import DisplacyError, Errors
from ..util import escape_html, minify_html
from .templates import (
    TPL_DEP_ARCS,
    TPL_DEP_SVG,
    TPL_DEP_WORDS,
    TPL_DEP_WORDS_LEMMA,
    TPL_ENT,
    TPL_ENT_RTL,
    TPL_ENTS,
    TPL_FIGURE,
    TPL_KB_LINK,
    TPL_PAGE,
    TPL_SPAN,
    TPL_SPAN_RTL,
    TPL_SPAN_SLICE,
    TPL_SPAN_SLICE_RTL,
    TPL_SPAN_START,
    TPL_SPAN_START_RTL,
    TPL_SPANS,
    TPL_TITLE,
)

DEFAULT_LANG = "en"
DEFAULT_DIR = "ltr"
DEFAULT_ENTITY_COLOR = "#ddd"
# OntoNotes labels (what the English pipelines predict), in displaCy's palette
DEFAULT_LABEL_COLORS = {
    "ORG": "#7aecec", "PRODUCT": "#bfeeb7", "GPE": "#feca74", "LOC": "#ff9561",
    "PERSON": "#aa9cfc", "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80",
    "LAW": "#ff8197", "LANGUAGE": "#ff8197", "WORK_OF_ART": "#f0d0ff",
    "DATE": "#bfe1d9", "TIME": "#bfe1d9",
    "MONEY": "#e4e7d2", "QUANTITY": "#e4e7d2", "ORDINAL": "#e4e7d2",
    "CARDINAL": "#e4e7d2", "PERCENT": "#e4e7d2",
}


def _label_colors(options: dict[str, Any]) -> dict[str, str]:
    """Label -> color: the defaults, then every dict in the displacy_colors registry (or
    returned by a function registered there), then options["colors"]; labels upper-cased."""
    import catalogue

    from .._catalogue import entry_points

    # What lexloom.registry.displacy_colors holds, read without importing lexloom.registry
    # (which imports thinc) just to draw a Doc: the tables packages declare (for lexloom or,
    # as plugins do, for spaCy: [spacy_displacy_colors]), then those registered in-process.
    namespace = ("lexloom", "displacy_colors")
    declared: dict[str, Any] = {}
    for ep in entry_points(*namespace[1:]):
        if ep.name not in declared and not catalogue.check_exists(*namespace, ep.name):
            declared[ep.name] = ep
    tables = [ep.load() for ep in declared.values()]
    tables += catalogue.Registry(namespace).get_all().values()
    colors = dict(DEFAULT_LABEL_COLORS)
    for entry in tables:
        table = entry() if callable(entry) else entry
        if not isinstance(table, dict):
            raise DisplacyError(Errors.E925.format(obj=type(table)))
        colors.update(table)
    colors.update(options.get("colors", {}))
    return {label.upper(): color for label, color in colors.items()}


def _page_or_join(rendered: list[str], page: bool, minify: bool, lang: str, direction: str) -> str:
    """The rendered Docs one after another, or each in a <figure> on a full HTML page."""
    if page:
        figures = "".join(TPL_FIGURE.format(content=doc) for doc in rendered)
        markup = TPL_PAGE.format(content=figures, lang=lang, dir=direction)
    else:
        markup = "".join(rendered)
    return minify_html(markup) if minify else markup


def _kb_link(kb_id: str, kb_url: str) -> str:
    return TPL_KB_LINK.format(kb_id=kb_id, kb_url=kb_url) if kb_id else ""


def _text_with_breaks(text: str) -> str:
    """Escaped text with newlines as <br>, so paragraphs survive in the entity view."""
    return "<br>".join(escape_html(line) for line in text.split("\n"))


class DependencyRenderer:
    """Render dependency parses as SVGs: words on a baseline, arcs stacked in levels so that
    no arc crosses a longer one's label."""

    style = "dep"

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        """options: compact, word_spacing, arrow_spacing, arrow_width, arrow_stroke, distance,
        offset_x, color, bg, font (compact mode draws square arcs closer together)."""
        options = options or {}
        self.compact = options.get("compact", False)
        self.word_spacing = options.get("word_spacing", 45)
        self.arrow_spacing = options.get("arrow_spacing", 12 if self.compact else 20)
        self.arrow_width = options.get("arrow_width", 6 if self.compact else 10)
        self.arrow_stroke = options.get("arrow_stroke", 2)
        self.distance = options.get("distance", 150 if self.compact else 175)
        self.offset_x = options.get("offset_x", 50)
        self.color = options.get("color", "#000000")
        self.bg = options.get("bg", "#ffffff")
        self.font = options.get("font", "Arial")
        self.direction = DEFAULT_DIR
        self.lang = DEFAULT_LANG

    def render(self, parsed: list[dict[str, Any]], page: bool = False, minify: bool = False) -> str:
        """Markup for every parse ({"words", "arcs", "settings"?, "title"?}); the first
        parse's settings set the language and direction."""
        # one random prefix per call keeps arc ids unique across renders on one page
        id_prefix = uuid.uuid4().hex
        rendered = []
        for i, parse in enumerate(parsed):
            if i == 0:
                self._use_settings(parse.get("settings", {}))
            svg = self.render_svg(f"{id_prefix}-{i}", parse["words"], parse["arcs"])
            title = parse.get("title")
            rendered.append(TPL_TITLE.format(title=title) + svg if title else svg)
        return _page_or_join(rendered, page, minify, self.lang, self.direction)

    def _use_settings(self, settings: dict[str, Any]) -> None:
        self.direction = settings.get("direction", DEFAULT_DIR)
        self.lang = settings.get("lang", DEFAULT_LANG)

    def render_svg(self, render_id: int | str, words: list[dict[str, Any]],
                   arcs: list[dict[str, Any]]) -> str:
        """One parse as an <svg>; its size follows the word count and the highest arc."""
        self.levels = self.get_levels(arcs)
        self.highest_level = max(self.levels.values(), default=0)
        self.offset_y = self.distance / 2 * self.highest_level + self.arrow_stroke
        self.width = self.offset_x + len(words) * self.distance
        self.height = self.offset_y + 3 * self.word_spacing
        self.id = render_id
        content = "".join(self.render_word(word["text"], word["tag"], word.get("lemma"), i)
                          for i, word in enumerate(words))
        content += "".join(self.render_arrow(arc["label"], arc["start"], arc["end"], arc["dir"], i)
                           for i, arc in enumerate(arcs))
        return TPL_DEP_SVG.format(id=self.id, width=self.width, height=self.height,
                                  color=self.color, bg=self.bg, font=self.font,
                                  content=content, dir=self.direction, lang=self.lang)

    def render_word(self, text: str, tag: str, lemma: str | None, i: int) -> str:
        """Word i with its tag (and lemma, when given) below it."""
        x = self.offset_x + i * self.distance
        if self.direction == "rtl":
            x = self.width - x
        y = self.offset_y + self.word_spacing
        if lemma is None:
            return TPL_DEP_WORDS.format(text=escape_html(text), tag=escape_html(str(tag)), x=x, y=y)
        return TPL_DEP_WORDS_LEMMA.format(text=escape_html(text), tag=escape_html(str(tag)),
                                          lemma=escape_html(str(lemma)), x=x, y=y)

    def render_arrow(self, label: str, start: int, end: int, direction: str, i: int) -> str:
        """Arc i from word `start` to word `end` (start < end), its label, and an arrowhead at
        the dependent: at `start` for direction "left", at `end` for "right"."""
        if start < 0 or end < 0:
            raise DisplacyError(Errors.E157.format(start=start, end=end, label=label,
                                                   dir=direction))
        level = self.levels[(start, end, label)]
        x_start = self.offset_x + start * self.distance + self.arrow_spacing
        # shorter arcs end a little earlier, so stacked arrowheads don't overlap
        x_end = (self.offset_x + (end - start) * self.distance + start * self.distance
                 - self.arrow_spacing * (self.highest_level - level) / 4)
        if self.direction == "rtl":
            x_start = self.width - x_start
            x_end = self.width - x_end
        y = self.offset_y
        y_curve = self.offset_y - level * self.distance / (6 if self.compact else 2)
        if y_curve == 0 and max(self.levels.values(), default=0) > 5:
            y_curve = -self.distance
        return TPL_DEP_ARCS.format(
            id=self.id, i=i, stroke=self.arrow_stroke, label=escape_html(str(label)),
            head=self.get_arrowhead(direction, x_start, y, x_end),
            arc=self.get_arc(x_start, y, y_curve, x_end),
            label_side="right" if self.direction == "rtl" else "left")

    def get_arc(self, x_start: int, y: int, y_curve: int, x_end: int) -> str:
        """The arc's path ('d' attribute): a cubic Bézier, or straight segments if compact."""
        curve = "" if self.compact else "C"
        return f"M{x_start},{y} {curve}{x_start},{y_curve} {x_end},{y_curve} {x_end},{y}"

    def get_arrowhead(self, direction: str, x: int, y: int, end: int) -> str:
        """The arrowhead's path ('d' attribute): a triangle pointing down at the dependent."""
        width = self.arrow_width
        if direction == "left":  # the dependent is the arc's left end
            tip, corner1, corner2 = x, x - width + 2, x + width - 2
        else:
            tip, corner1, corner2 = end, end + width - 2, end - width + 2
        return f"M{tip},{y + 2} L{corner1},{y - width} {corner2},{y - width}"

    def get_levels(self, arcs: list[dict[str, Any]]) -> dict[tuple[int, int, str], int]:
        """Each arc's height level, keyed by (start, end, label): shortest arcs first, each one
        level above the highest arc already drawn under its words."""
        unique: dict[tuple, dict[str, Any]] = {}
        for arc in arcs:
            unique.setdefault(tuple(sorted(arc.items())), arc)
        height = [0] * max((arc["end"] for arc in unique.values()), default=0)
        levels = {}
        for arc in sorted(unique.values(), key=lambda arc: arc["end"] - arc["start"]):
            start, end = arc["start"], arc["end"]
            level = max(height[start:end], default=0) + 1
            height[start:end] = [level] * (end - start)
            levels[(start, end, arc["label"])] = level
        return levels


class EntityRenderer:
    """Render named entities as HTML: the text, each entity in a coloured <mark>."""

    style = "ent"

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        """options: colors (label -> CSS color), ents (only these labels are marked),
        template (a format string with {text}, {label}, {bg}, {kb_link})."""
        options = options or {}
        self.default_color = DEFAULT_ENTITY_COLOR
        self.colors = _label_colors(options)
        ents = options.get("ents", None)
        self.ents = None if ents is None else [label.upper() for label in ents]
        self.direction = DEFAULT_DIR
        self.lang = DEFAULT_LANG
        # chosen before any Doc's direction is known, as spacy.displacy does
        self.ent_template = options.get("template") or (
            TPL_ENT_RTL if self.direction == "rtl" else TPL_ENT)

    def render(self, parsed: list[dict[str, Any]], page: bool = False, minify: bool = False) -> str:
        """Markup for every parse ({"text", "ents", "settings"?, "title"?})."""
        rendered = []
        for i, parse in enumerate(parsed):
            if i == 0:
                settings = parse.get("settings", {})
                self.direction = settings.get("direction", DEFAULT_DIR)
                self.lang = settings.get("lang", DEFAULT_LANG)
            rendered.append(self.render_ents(parse["text"], parse["ents"], parse.get("title")))
        return _page_or_join(rendered, page, minify, self.lang, self.direction)

    def render_ents(self, text: str, spans: list[dict[str, Any]], title: str | None) -> str:
        """The text with each entity ({"start", "end", "label"} character offsets, optional
        "kb_id", "kb_url", and "params" for a custom template) marked up."""
        pieces = []
        offset = 0
        for span in spans:
            label, start, end = span["label"], span["start"], span["end"]
            pieces.append(_text_with_breaks(text[offset:start]))
            entity = escape_html(text[start:end])
            if self.ents is None or label.upper() in self.ents:
                fields = {"label": escape_html(label), "text": entity,
                          "bg": self.colors.get(label.upper(), self.default_color),
                          "kb_link": _kb_link(span.get("kb_id", ""), span.get("kb_url", "#"))}
                fields.update(span.get("params", {}))
                pieces.append(self.ent_template.format(**fields))
            else:
                pieces.append(entity)
            offset = end
        pieces.append(_text_with_breaks(text[offset:]))
        markup = TPL_ENTS.format(content="".join(pieces), dir=self.direction)
        return TPL_TITLE.format(title=title) + markup if title else markup


class SpanRenderer:
    """Render (possibly overlapping) spans as HTML: a coloured bar per span under its tokens,
    overlapping spans stacked one slot below another, each labelled where it starts."""

    style = "span"

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        """options: colors, top_offset, span_label_offset, top_offset_step (px), template
        ({"span", "slice", "start"} format strings)."""
        options = options or {}
        self.default_color = DEFAULT_ENTITY_COLOR
        self.colors = _label_colors(options)
        self.direction = DEFAULT_DIR
        self.lang = DEFAULT_LANG
        self.top_offset = options.get("top_offset", 40)
        # how far under the top offset the labels sit
        self.span_label_offset = options.get("span_label_offset", 20)
        self.offset_step = options.get("top_offset_step", 17)
        template = options.get("template")
        if template:
            self.span_template = template["span"]
            self.span_slice_template = template["slice"]
            self.span_start_template = template["start"]
        elif self.direction == "rtl":  # chosen before any Doc is seen, as spacy.displacy does
            self.span_template = TPL_SPAN_RTL
            self.span_slice_template = TPL_SPAN_SLICE_RTL
            self.span_start_template = TPL_SPAN_START_RTL
        else:
            self.span_template = TPL_SPAN
            self.span_slice_template = TPL_SPAN_SLICE
            self.span_start_template = TPL_SPAN_START

    def render(self, parsed: list[dict[str, Any]], page: bool = False, minify: bool = False) -> str:
        """Markup for every parse ({"tokens", "spans", "settings"?, "title"?})."""
        rendered = []
        for i, parse in enumerate(parsed):
            if i == 0:
                settings = parse.get("settings", {})
                self.direction = settings.get("direction", DEFAULT_DIR)
                self.lang = settings.get("lang", DEFAULT_LANG)
            rendered.append(self.render_spans(parse["tokens"], parse["spans"], parse.get("title")))
        return _page_or_join(rendered, page, minify, self.lang, self.direction)

    def render_spans(self, tokens: list[str], spans: list[dict[str, Any]],
                     title: str | None) -> str:
        """The tokens with their spans ({"start_token", "end_token", "label"}, optional
        "kb_id", "kb_url") drawn under them."""
        markup = self._render_markup(self._assemble_per_token_info(tokens, spans))
        markup = TPL_SPANS.format(content=markup, dir=self.direction)
        return TPL_TITLE.format(title=title) + markup if title else markup

    @staticmethod
    def _assemble_per_token_info(tokens: list[str], spans: list[dict[str, Any]]
                                 ) -> list[dict[str, Any]]:
        """Per token: its text and the spans over it, each with its label, whether it starts
        here, its kb link and its render slot (1 = top bar). Spans are ordered by start,
        longer first, then label; a span takes the slot under the last span already open
        over its first token."""
        ordered = sorted(spans, key=lambda s: (s["start_token"], s["start_token"] - s["end_token"],
                                               s["label"]))
        slots = [0] * len(ordered)
        per_token = []
        for idx, text in enumerate(tokens):
            entities = []
            previous_slot = 0
            for k, span in enumerate(ordered):
                if not span["start_token"] <= idx < span["end_token"]:
                    continue
                is_start = idx == span["start_token"]
                if is_start:
                    slots[k] = previous_slot + 1
                previous_slot = slots[k]
                entities.append({
                    "label": span["label"], "is_start": is_start, "render_slot": slots[k],
                    "kb_link": _kb_link(span.get("kb_id", ""), span.get("kb_url", "#"))})
            per_token.append({"text": text, "entities": entities})
        return per_token

    def _render_markup(self, per_token_info: list[dict[str, Any]]) -> str:
        """Tokens under spans as boxes tall enough for their bars, others as plain text.
        Whitespace tokens get no bars: they have no line height to hang them on."""
        markup = ""
        for token in per_token_info:
            entities = token["entities"]
            if entities and token["text"].strip():
                height = (self.top_offset + self.span_label_offset
                          + self.offset_step * (len(entities) - 1))
                markup += self.span_template.format(
                    text=escape_html(token["text"]), total_height=height,
                    span_slices=self._get_span_slices(entities),
                    span_starts=self._get_span_starts(entities))
            else:
                markup += escape_html(token["text"] + " ")
        return markup

    def _bar_style(self, entity: dict[str, Any]) -> dict[str, Any]:
        return {"bg": self.colors.get(entity["label"].upper(), self.default_color),
                "top_offset": self.top_offset + self.offset_step * (entity["render_slot"] - 1)}

    def _get_span_slices(self, entities: list[dict]) -> str:
        """One bar per span over the token, at its slot's height."""
        return "".join(self.span_slice_template.format(**self._bar_style(entity))
                       for entity in entities)

    def _get_span_starts(self, entities: list[dict]) -> str:
        """A labelled bar for each span that starts at this token."""
        return "".join(self.span_start_template.format(label=escape_html(entity["label"]),
                                                       kb_link=entity["kb_link"],
                                                       **self._bar_style(entity))
                       for entity in entities if entity["is_start"])
