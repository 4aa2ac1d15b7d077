"""Rosters generated for the import tests and the benchmark: no binary fixtures.

`roster_rows(n)` gives n valid residents as a spreadsheet would hold them
(some phones as floats or full-width digits, most with a valid ID number);
`plant_errors(rows)` spoils 20 of them, each in a different way, and says
which ones; `xlsx_bytes` and `csv_bytes` write a file.
"""

import io

from linli.community.idcard import check_digit

HEADER = ["序号", "楼栋", "单元", "房号", "姓名", "性别", "出生年份", "电话", "身份证号",
          "与户主关系", "标签"]  # fmt: skip
TITLE = "武南村社区居民花名册"
# Data starts on line 3: the title on line 1, the header on line 2.
FIRST_LINE = 3

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = [
    "秀英", "桂英", "建国", "志强", "红梅", "海燕", "德华", "玉兰", "建华", "丽华", "国平",
    "小红", "卫东", "春生", "金凤", "文斌", "淑珍", "明", "静", "磊", "敏", "伟",
]  # fmt: skip


def id_number(i: int, region="420111") -> str:
    year, month, day = 1930 + i % 80, 1 + i % 12, 1 + i % 28
    first17 = f"{region}{year}{month:02d}{day:02d}{i % 1000:03d}"
    return first17 + check_digit(first17)


def roster_rows(n: int = 3000) -> list[dict]:
    """n valid rows; two residents per household, 75 households per building."""
    rows = []
    for i in range(n):
        home = i // 2
        building, k = divmod(home, 75)
        unit, k = divmod(k, 25)
        floor, door = divmod(k, 4)
        ident = id_number(i) if i % 5 != 4 else ""
        phone = f"139{i:08d}"
        if i % 7 == 0:
            phone = float(phone)  # what Excel keeps when a phone is typed as a number
        elif i % 11 == 0:
            phone = phone.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        rows.append(
            {
                "序号": i + 1,
                "楼栋": f"{building + 1}栋" if i % 3 == 0 else str(building + 1),
                "单元": str(unit + 1),
                "房号": f"{floor + 1}{door + 1:02d}",
                "姓名": _SURNAMES[i % len(_SURNAMES)] + _GIVEN[(i * 7) % len(_GIVEN)],
                "性别": ("男" if (i % 1000) % 2 else "女") if ident else "",
                "出生年份": 1930 + i % 80,
                "电话": phone,
                "身份证号": ident,
                "与户主关系": "户主" if i % 2 == 0 else "配偶",
                "标签": "独居老人"
                if i % 13 == 0
                else ("慢性病、无智能手机" if i % 17 == 0 else ""),
            }
        )
    return rows


def _with_check(first17: str) -> str:
    return first17 + check_digit(first17)


# Twenty ways a row goes wrong. Each spoils exactly one thing of a valid row
# (and of the row before it, for the two kinds of repetition).
_FEB_30 = _with_check("42011119800230001")  # born on 30 February 1980


def _other_check(ident: str) -> str:
    return ident[:17] + ("0" if ident[17] != "0" else "1")


def _same_person_as(p: dict) -> dict:
    return {k: p[k] for k in ("身份证号", "性别", "出生年份")}


PLANTS = {
    "bad check digit": lambda r, p: {"身份证号": _other_check(r["身份证号"])},
    "10-digit mobile": lambda r, p: {"电话": "1390000123"},
    "mobile prefix that does not exist": lambda r, p: {"电话": "12012345678"},
    "birth year 1850": lambda r, p: {"出生年份": 1850, "身份证号": "", "性别": ""},
    "repeated row": lambda r, p: dict(p, 序号=r["序号"]),
    "missing name": lambda r, p: {"姓名": ""},
    "unknown tag": lambda r, p: {"标签": "外星人"},
    "missing building": lambda r, p: {"楼栋": ""},
    "missing room": lambda r, p: {"房号": ""},
    "sex neither male nor female": lambda r, p: {"性别": "男女", "身份证号": ""},
    "17-digit ID number": lambda r, p: {"身份证号": r["身份证号"][:17]},
    "ID number with an impossible date": lambda r, p: {"身份证号": _FEB_30},
    "birth year in the future": lambda r, p: {"出生年份": 2099, "身份证号": "", "性别": ""},
    "birth year in words": lambda r, p: {"出生年份": "一九五零", "身份证号": "", "性别": ""},
    "unknown relation": lambda r, p: {"与户主关系": "邻居"},
    "sex contradicting the ID number": lambda r, p: {"性别": "女" if r["性别"] == "男" else "男"},
    "birth year contradicting the ID number": lambda r, p: {"出生年份": r["出生年份"] + 5},
    "letters in the phone": lambda r, p: {"电话": "139abc12345"},
    "ID number stored as a float": lambda r, p: {"身份证号": float(r["身份证号"][:17] + "0")},
    "ID number of the row above": lambda r, p: _same_person_as(p),
}  # fmt: skip


def plant_errors(rows: list[dict]) -> dict[int, str]:
    """Spoil 20 rows of 3,000 in place, one every 150; return {line number: kind}.
    Rows are chosen with an ID number, and after a row with one, so every kind
    applies."""
    planted = {}
    for k, kind in enumerate(PLANTS):
        i = 150 * k + 11
        while i < len(rows) and not (rows[i]["身份证号"] and rows[i - 1]["身份证号"]):
            i += 1
        if i >= len(rows):
            break  # a short roster gets the first kinds only
        rows[i].update(PLANTS[kind](rows[i], rows[i - 1]))
        planted[i + FIRST_LINE] = kind
    return planted


def xlsx_bytes(rows, header=HEADER, title=TITLE, merges=()) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h, "") for h in header] if isinstance(row, dict) else row)
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, header=HEADER, encoding="utf-8") -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header] if isinstance(row, dict) else row)
    return out.getvalue().encode(encoding)
