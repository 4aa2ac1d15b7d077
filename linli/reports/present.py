"""What the pages show of a report: labelled sections and the two trend charts."""

from django.utils.translation import gettext as _

from linli.reports import chart
from linli.reports.labels import LABELS, SECTIONS, TREND_LABELS

# Colour and dash of each trend line, told apart without colour too.
STYLES = {
    "coverage": ("#0b5d3b", ""),
    "abnormal": ("#b3261e", ""),
    "new_confirmed_suspected": ("#6a1b9a", "6 4"),
    "needs_open": ("#1f5fa8", "2 3"),
}


def sections(report, figures=None, previous=None):
    """[(section title, [(key, label, value, change)])] in the report's fixed order."""
    rows = {key: (value, change) for key, value, change in report.rows(figures, previous)}
    return [(title, [(key, LABELS[key], *rows[key]) for key in keys]) for title, keys in SECTIONS]


def charts(report, days=14):
    """The coverage chart (0–100 %) and the counts chart, over the last `days` days."""
    picked = report.trend_days[-days:]
    x_labels = [f"{d.month}-{d.day}" for d in picked]

    def series(*keys):
        return [(k, str(TREND_LABELS[k]), report.trend[k][-days:]) for k in keys]

    made = [
        (_("打卡率"), chart.line_chart(x_labels, series("coverage"), y_max=100, unit="%")),
        (_("异常、新增确诊与疑似、未办结需求"),
         chart.line_chart(x_labels, series("abnormal", "new_confirmed_suspected", "needs_open"))),
    ]  # fmt: skip
    for _title, c in made:
        for line in c.lines:
            line.extra = {"color": STYLES[line.key][0], "dash": STYLES[line.key][1]}
    return made
