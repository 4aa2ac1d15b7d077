"""The daily report as an .xlsx in a fixed layout that Excel and WPS open alike.

Sheet "日报": a title, then one row per figure (label in A, the day's value in
B, the change from the day before in C). Sheet "趋势": the 14 days of the trend
lines. A roll-up adds sheet "各社区": one row per community and a total row.
Numbers are written as numbers, with plain number formats; cells are plain
(no formulas), so a reader without recalculation shows the same figures.
"""

from io import BytesIO

from django.utils.translation import gettext as _

from linli.reports import arith
from linli.reports.labels import LABELS, TREND_LABELS

FONT_NAME = "宋体"  # a CJK font every Excel and WPS install has
ROLLUP_KEYS = ("residents", "checked", "coverage", "abnormal",
               *(f"cat_{c}" for c in arith.FOUR), "in_quarantine", "gate_exits",
               "needs_open", "needs_overdue", "volunteer_hours")  # fmt: skip
FIRST_ROW = 4  # the first figure's row on "日报": title, date, header above it


def _fonts():
    from openpyxl.styles import Font

    return (
        Font(name=FONT_NAME, size=11),
        Font(name=FONT_NAME, size=11, bold=True),
        Font(name=FONT_NAME, size=14, bold=True),
    )


def _style(sheet, widths, header_row, plain, bold):
    from openpyxl.utils import get_column_letter

    for row in sheet.iter_rows():
        for cell in row:
            cell.font = bold if cell.row == header_row else plain
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
            elif isinstance(cell.value, int):
                cell.number_format = "0"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)


def render(report, title, rollup=False) -> bytes:
    from openpyxl import Workbook

    plain, bold, big = _fonts()
    book = Workbook()
    sheet = book.active
    sheet.title = "日报"
    sheet.append([_("%(name)s日报") % {"name": title}])
    sheet.append([_("日期"), report.day.isoformat()])
    sheet.append([_("项目"), _("当日"), _("较前一天")])
    for key, value, change in report.rows():
        sheet.append([str(LABELS[key]), value, change])
    _style(sheet, [26, 12, 12], 3, plain, bold)
    sheet["A1"].font = big

    trend = book.create_sheet("趋势")
    lines = list(report.trend)
    trend.append([_("日期"), *(str(TREND_LABELS[k]) for k in lines)])
    for i, day in enumerate(report.trend_days):
        trend.append([day.isoformat(), *(report.trend[k][i] for k in lines)])
    _style(trend, [12] + [16] * len(lines), 1, plain, bold)

    if rollup:
        each = book.create_sheet("各社区")
        each.append([_("街道"), _("社区"), *(str(LABELS[k]) for k in ROLLUP_KEYS)])
        for community, figures in report.community_rows():
            each.append([str(community.street), str(community),
                         *(figures[k] for k in ROLLUP_KEYS)])  # fmt: skip
        total = arith.derived(report.total)
        each.append([_("合计"), "", *(total[k] for k in ROLLUP_KEYS)])
        _style(each, [14, 16] + [12] * len(ROLLUP_KEYS), 1, plain, bold)
        for cell in each[each.max_row]:
            cell.font = bold
        each.freeze_panes = "C2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
