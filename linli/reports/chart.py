"""Line charts as SVG coordinates, for the report's trends: no JavaScript, no CDN.

`line_chart` turns a few series over the same days into path data and tick
positions in a fixed viewBox; the template draws them and the browser scales
the viewBox to the page width (390 px on a phone, wider on a desk). No Django
imports, so the geometry is property-tested on its own.
"""

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 360, 210
LEFT, RIGHT, TOP, BOTTOM = 44, 22, 14, 34


@dataclass
class Line:
    key: str
    label: str
    path: str  # SVG path data; a day without data breaks the line
    dots: list[tuple[float, float]]
    last: float | int | None  # the latest value, for the legend


@dataclass
class Chart:
    lines: list[Line]
    y_ticks: list[tuple[float, str]]  # (y, label)
    x_ticks: list[tuple[float, str]]  # (x, label)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    unit: str = ""
    extra: dict = field(default_factory=dict)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k at or above `value` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def line_chart(x_labels: list[str], series: list[tuple[str, str, list]], y_max=None,
               unit="", label_every=None) -> Chart:  # fmt: skip
    """`series` is [(key, label, [value or None per x label])]; all share the y axis.

    y runs from 0 to `y_max` (or a round number above the largest value).
    """
    n = len(x_labels)
    values = [v for _, _, vs in series for v in vs if v is not None]
    top_value = y_max if y_max is not None else nice_ceiling(max(values, default=0))
    plot_w, plot_h = WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP

    def x(i):
        return round(LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2), 1)

    def y(v):
        return round(TOP + plot_h * (1 - min(v, top_value) / top_value), 1)

    lines = []
    for key, label, vs in series:
        parts, dots, pen_down = [], [], False
        for i, v in enumerate(vs):
            if v is None:
                pen_down = False
                continue
            dots.append((x(i), y(v)))
            parts.append(f"{'L' if pen_down else 'M'}{x(i)} {y(v)}")
            pen_down = True
        last = next((v for v in reversed(vs) if v is not None), None)
        lines.append(Line(key, label, " ".join(parts), dots, last))
    y_ticks = [(y(top_value * k / 2), _fmt(top_value * k / 2)) for k in (0, 1, 2)]
    every = label_every or max(1, math.ceil(n / 5))
    # Always label the last day (today's point), then every `every` days back.
    x_ticks = [(x(i), x_labels[i]) for i in range(n - 1, -1, -every)][::-1]
    return Chart(lines, y_ticks, x_ticks, unit=unit)
