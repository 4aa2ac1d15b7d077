"""The common notices every community sends, offered as templates on a fresh
install (a data migration writes them, with no community, so all see them).
Placeholders: {date} is filled with today's date; the others by hand."""

from linli.notices.choices import Priority

STARTER_TEMPLATES = [
    {
        "name": "团购截单提醒",
        "title": "{date}团购今晚截单",
        "body": "各位居民：本轮团购将于{date} {time}截单，"
        "需要买菜的家庭请在截单前下单或在楼栋群接龙。"
        "家里没有智能手机的老人，请打电话给楼栋长代为下单。",
        "priority": Priority.IMPORTANT,
    },
    {
        "name": "测温提醒",
        "title": "请完成{date}体温填报",
        "body": "请每位家庭成员在{time}前测量体温并在邻里上填报；体温37.3℃以上或有咳嗽、乏力的，"
        "请立即告诉楼栋长，不要自行外出就医。",
        "priority": Priority.NORMAL,
    },
    {
        "name": "出门证规定",
        "title": "关于出门证使用的规定",
        "body": "自{date}起，小区实行封闭管理：每户凭出门证每{days}天可安排一人外出采购生活必需品，"
        "出入请在门岗扫码并测温。就医等紧急情况请联系社区。",
        "priority": Priority.URGENT,
    },
    {
        "name": "消杀通知",
        "title": "{date}公共区域消杀",
        "body": "{date} {time}将对{place}进行消毒消杀，届时请关好门窗，暂不要在楼道停留。",
        "priority": Priority.NORMAL,
    },
    {
        "name": "核酸检测通知",
        "title": "{date}核酸检测安排",
        "body": "{date} {time}在{place}进行核酸检测，请按楼栋分时段下楼，保持一米间距、全程戴口罩。"
        "行动不便的居民请告诉楼栋长，安排上门采样。",
        "priority": Priority.URGENT,
    },
]
