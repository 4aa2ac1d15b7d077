"""Does the title name the one product a post sells (`百香果团购 每箱5斤`,
`南瓜 等会送来 共20份`)? Then entries that give only a quantity (`2箱`) order it."""

import re

from linli.groupbuy.jielong.catalog import Catalog
from linli.groupbuy.jielong.entry import GENERIC_UNIT, SingleProduct
from linli.groupbuy.jielong.units import COUNT_UNITS

_KEYWORD = re.compile(r"(团购|拼团|接龙|开团|预订|预定|订购|认购|秒杀)")
_TOKEN_SPLIT = re.compile(r"[\s,，、;；:：!！。()（）\[\]【】#+/|~-]+")
_LEADING_NOISE = re.compile(
    r"^.*[0-9A-Za-z栋楼号单元期]|^(?:今日|今天|明日|明天|本周|周末|新鲜|社区|小区|爱心|限时|特价)+"
)
# Words that name a kind of goods, not one product.
GENERIC = {
    "蔬菜", "水果", "肉类", "水产", "生鲜", "物资", "生活物资", "日用品", "药品", "药", "团菜",
    "买菜", "菜", "肉", "食品", "商品", "零食", "粮油", "蔬果", "果蔬", "套餐", "年货", "团",
    "菜品", "农产品", "副食", "调料", "禽蛋", "肉禽", "日用", "百货", "用品", "防护用品",
}  # fmt: skip
_PLACE_ENDINGS = (
    "社区", "小区", "村", "苑", "园", "府", "城", "庭", "居", "邸", "楼", "栋", "街", "路", "巷",
    "里", "湾", "郡", "墅", "广场", "大厦", "公寓", "花园", "家园", "新村", "宿舍", "群",
)  # fmt: skip
_NOT_PRODUCT_WORDS = ("截止", "截单", "通知", "团长", "时间", "今天", "明天", "今日", "明日")
_COUNT_UNIT = "|".join(sorted((u for u in COUNT_UNITS if not u.isascii()), key=len, reverse=True))
_PER_UNIT = re.compile(rf"每\s*({_COUNT_UNIT})")
_TOTAL_UNIT = re.compile(rf"[0-9一二两三四五六七八九十]+\s*({_COUNT_UNIT})")
_CJK_WORD = re.compile(r"^[\u3400-\u9fff]{1,8}$")


def single_product(title: str, catalog: Catalog) -> SingleProduct | None:
    found = catalog.products_in(title)
    if len(found) == 1:
        return SingleProduct(found[0].name, found[0], found[0].unit)
    if found:
        return None
    name = _named_product(title)
    if name is None:
        return None
    product = catalog.exact(name)
    if product is not None:
        return SingleProduct(product.name, product, product.unit)
    return SingleProduct(name, None, _title_unit(title))


def _named_product(title: str) -> str | None:
    words = [w for w in _TOKEN_SPLIT.split(title) if w]
    keyed = [w for w in words if _KEYWORD.search(w)]
    if keyed:
        word = _LEADING_NOISE.sub("", _KEYWORD.split(keyed[0])[0])
        if not word and keyed[0] is not words[-1]:
            # 【团购】今日新鲜百香果: the product follows the keyword
            word = _LEADING_NOISE.sub("", words[words.index(keyed[0]) + 1])
        return word if _is_product_word(word) else None
    # Without 团购 in it, only a title that opens with a bare word names a product.
    if words and _is_product_word(words[0]) and len(words[0]) <= 4:
        return words[0]
    return None


def _is_product_word(word: str) -> bool:
    return bool(
        _CJK_WORD.match(word)
        and word not in GENERIC
        and not word.endswith(("类", *_PLACE_ENDINGS))
        and not any(w in word for w in _NOT_PRODUCT_WORDS)
        and not any(word.endswith(g) for g in GENERIC if len(g) > 1)
    )


def _title_unit(title: str) -> str:
    for pattern in (_PER_UNIT, _TOTAL_UNIT):
        m = pattern.search(title)
        if m:
            return "颗" if m.group(1) == "棵" else m.group(1)
    return GENERIC_UNIT
