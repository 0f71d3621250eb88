"""Where the map's labels go: beside their marker, inside the panel, over nothing else.

Text is measured by estimate (no font is read at build time): Han characters are square, Latin
letters about half as wide; tests/test_map.py measures the real labels in Chromium on a phone.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

FONT = 16  # the labels' size, in viewBox units
MARKER = 7  # half the size of a marker


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlap(self, other: Box) -> float:
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def inside(self, other: Box) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.x + self.w <= other.x + other.w
            and self.y + self.h <= other.y + other.h
        )


def text_width(text: str, size: float = FONT) -> float:
    """About how wide `text` is drawn: Han characters are square, Latin letters about half that."""
    em = 0.0
    for char in text:
        if ord(char) >= 0x2E80:
            em += 1.02
        elif char == " ":
            em += 0.28
        elif char.isupper():
            em += 0.68
        elif char in "il.,:;'()|!":
            em += 0.3
        else:
            em += 0.56
    return em * size


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the baseline
    anchor: str
    box: Box

    def moved(self, dx: float, dy: float) -> Label:
        box = Box(self.box.x + dx, self.box.y + dy, self.box.w, self.box.h)
        return Label(self.x + dx, self.y + dy, self.anchor, box)


def label_at(cx: float, cy: float, text: str, gap: float) -> list[Label]:
    """Where a label may go around a point, best first: right, left, above, below, diagonals."""
    # a text's box runs from the font's ascent to its descent: about 1.16 em over the baseline and
    # 0.29 em under it in the CJK fonts, a little less in Latin ones
    w, h = text_width(text), FONT * 1.45
    spots = [
        (cx + gap, cy - h / 2, "start"),
        (cx - gap - w, cy - h / 2, "end"),
        (cx - w / 2, cy - gap - h, "middle"),
        (cx - w / 2, cy + gap, "middle"),
        (cx + gap * 0.7, cy - gap * 0.7 - h, "start"),
        (cx + gap * 0.7, cy + gap * 0.7, "start"),
        (cx - gap * 0.7 - w, cy - gap * 0.7 - h, "end"),
        (cx - gap * 0.7 - w, cy + gap * 0.7, "end"),
    ]
    labels = []
    for left, top, anchor in spots:
        x = {"start": left, "end": left + w, "middle": left + w / 2}[anchor]
        labels.append(Label(x, top + FONT * 1.16, anchor, Box(left, top, w, h)))
    return labels


def place_label(candidates: list[Label], taken: list[Box], area: Box) -> Label:
    """The best of `candidates`: an earlier one, unless it leaves the area or covers something."""
    return min(enumerate(candidates), key=lambda c: c[0] + _cost(c[1].box, taken, area))[1]


def _cost(box: Box, taken: list[Box], area: Box) -> float:
    outside = 0.0 if box.inside(area) else 1000 + box.w * box.h
    room = Box(box.x - 2, box.y - 2, box.w + 4, box.h + 4)  # a little air between labels
    return outside + 10 * sum(room.overlap(other) for other in taken)


def _distance(box: Box, x: float, y: float) -> float:
    dx = max(box.x - x, 0.0, x - box.x - box.w)
    dy = max(box.y - y, 0.0, y - box.y - box.h)
    return math.hypot(dx, dy)


def arrange(
    points: dict[str, tuple[float, float]], texts: dict[str, str], taken: list[Box], area: Box
) -> dict[str, Label]:
    """Labels for every point: inside the map area, clear of each other and of the markers, and
    nearer their own marker than any other (a label beside the wrong place misleads). A few
    places per panel: each order of placing them is tried, and the best whole layout kept."""
    best: tuple[float, dict[str, Label]] = (math.inf, {})
    for order in itertools.islice(itertools.permutations(points), 720):
        placed: dict[str, Label] = {}
        boxes, total = list(taken), 0.0
        for pid in order:
            x, y = points[pid]
            options = []
            for rank, label in enumerate(label_at(x, y, texts[pid], MARKER + 4)):
                own = _distance(label.box, x, y)
                misleading = any(
                    _distance(label.box, ox, oy) < own + 4
                    for other, (ox, oy) in points.items()
                    if other != pid
                )
                options.append(
                    (rank + _cost(label.box, boxes, area) + 400 * misleading, rank, label)
                )
            cost, _, label = min(options, key=lambda o: (o[0], o[1]))
            placed[pid], total = label, total + cost
            boxes.append(label.box)
        if total < best[0]:
            best = (total, placed)
        if total < len(points):  # every label in its first or second choice, nothing in the way
            break
    return best[1]
