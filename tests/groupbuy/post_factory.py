"""Generated 接龙 posts in the many styles residents write, for the benchmark and
the scaling tests: every address form, names before, after or touching the
address, quantities before and after, Chinese numerals, kg and g, x3, 各, notes,
separators, emoji, continuation lines."""

import random

PRODUCTS = [
    "土豆", "大白菜", "青菜", "菠菜", "茼蒿", "红菜薹", "莲藕", "西红柿", "黄瓜", "茄子",
    "青椒", "胡萝卜", "白萝卜", "洋葱", "大蒜", "生姜", "小葱", "芹菜", "韭菜", "包菜",
    "鸡蛋", "猪肉", "五花肉", "排骨", "牛肉", "鲫鱼", "草鱼", "大米", "面条", "食用油",
    "酱油", "苹果", "香蕉", "橘子", "纯牛奶", "酸奶", "口罩", "84消毒液", "卫生纸", "豆腐",
    "番茄", "马铃薯", "葱", "蒜", "土逗", "芦笋", "羊肉", "腊肉",
]  # fmt: skip
NAMES = ["黄彬", "马", "蒋丽", "白阿姨", "段师傅", "夏老师", "郭", "陶", "李奶奶", "Tony", "钟"]
QUANTITIES_AFTER = ["2斤", "3个", "半斤", "一斤半", "1kg", "500g", "x3", "*2", "两把", "1斤2两", ""]
QUANTITIES_BEFORE = ["三斤", "一颗", "两把", "2斤", "一打", "半斤"]
SEPARATORS = [" ", " ", "，", "、", "+", ""]
NOTES = ["", "", "", "", "（要嫩的）", "(放门口)", "（不要太肥）"]
EMOJI = ["", "", "", "", "🥬", "😊", "🙏"]


def _address(rnd: random.Random) -> str:
    b, u, r = rnd.randint(1, 30), rnd.randint(1, 4), rnd.randint(1, 32) * 100 + rnd.randint(1, 4)
    return rnd.choice(
        [
            f"{b}-{u}-{r}",
            f"{b}栋{u}单元{r}",
            f"{b}号楼{u}单元{r}室",
            f"{b}#{r}",
            f"{b}-{r}",
            f"B{b}-{u}-{r}",
        ]
    )


def _item(rnd: random.Random) -> str:
    product = rnd.choice(PRODUCTS)
    if rnd.random() < 0.25:
        return rnd.choice(QUANTITIES_BEFORE) + product
    return product + rnd.choice(QUANTITIES_AFTER)


def entry_line(seq: int, rnd: random.Random) -> str:
    address, name = _address(rnd), rnd.choice(NAMES + [""])
    if rnd.random() < 0.1:
        items = "+".join(rnd.sample(PRODUCTS[:20], 2)) + "各2斤"
    else:
        sep = rnd.choice(SEPARATORS)
        items = sep.join(_item(rnd) for _ in range(rnd.randint(1, 4)))
    head = f"{name} {address}" if rnd.random() < 0.3 else f"{address} {name}"
    mark = rnd.choice([". ", ".", "、", ") "])
    return f"{seq}{mark}{head} {rnd.choice(EMOJI)}{items}{rnd.choice(NOTES)}"


def jielong_post(entries: int, seed: int = 2020) -> str:
    """A post with this many entry lines (plus a few continuation lines)."""
    rnd = random.Random(seed)
    lines = ["#接龙", "凯旋名邸9栋 2月20日 蔬菜团购", "例：9-1-101 张三 土豆2斤 鸡蛋10个", ""]
    for seq in range(1, entries + 1):
        lines.append(entry_line(seq, rnd))
        if rnd.random() < 0.05:
            lines.append("   " + _item(rnd))
    lines += ["", "今晚十点截单，明天中午到"]
    return "\n".join(lines) + "\n"


def jielong_post_of_size(megabytes: float, seed: int = 2020) -> str:
    """A post of about this many megabytes of UTF-8."""
    rnd = random.Random(seed)
    lines, size, seq = ["#接龙", "凯旋名邸 蔬菜团购", ""], 0, 0
    while size < megabytes * 1_000_000:
        seq += 1
        line = entry_line(seq, rnd)
        lines.append(line)
        size += len(line.encode()) + 1
    return "\n".join(lines) + "\n"
