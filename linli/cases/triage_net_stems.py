"""The stems of the safety net (triage_net.py), by family, and the words that unmake them.

A family is (code, category, feared, context, alternatives): `feared` families are read
like suicide (a fear or a prohibition, "怕她出事", shows the danger), the others like
symptoms (a worry, "担心会呼吸困难", is not one); a family with a context counts only
when the text also holds it. `_` and `~` are one character inside the clause and the
sentence (triage_scope.compiled). Stems are short on purpose: the net reads what a
crisis can hardly be told without, not the ways of telling it.
"""

from linli.cases import triage_signs as S
from linli.cases.triage_pinyin import sounds_like as H

PSYCH, MEDICAL, CHILD_CARE, ELDER_CARE = "psych", "medical", "child_care", "elder_care"


def alt(*parts: str) -> str:
    return "|".join(parts)


PERSON = (
    r"(?:我|你|他|她|人|老人|老人家|老头|老太|老伴|爸|妈|爷|奶|外公|外婆|婆婆|公公|爹爹|孩子|小孩"
    r"|宝宝|娃|伢|儿子|女儿|老公|老婆|邻居|病人)"
)
DEGREE = r"(?:有点|有些|一点|点|很|好|太|越来越|特别|非常|比较|蛮|挺|都|也|还|又|开始|老是|总是)"
# "不想活动", "活鱼": words with 活 that are not about living.
NOT_LIVING = r"(?!动|跃|泼|儿|力|鱼|虾|鸡|禽|血|期|性|页|法|络|在(?!这个?世|人世|世上))"
DEPENDANT = alt(S.CHILD, S.DEPENDENT)
# Someone who cannot be left alone, named anywhere (a child writing gives age or class).
DEPENDANT_ANYWHERE = alt(DEPENDANT, S.SCHOOLCHILD, r"我(?:才)?(?:\d|1[0-4])岁|伢|独居|瘫痪|老人")

FAMILIES = (
    # Death and dying. A relative's death told as news is grief (the labelled sets agree),
    # so "走了", "不在了" count in a goodbye or said of oneself (triage_net._of_oneself).
    ("death", PSYCH, True, None, [r"死", PERSON + r"_{0,3}(?:走了|不在了)", r"断气|咽气|后事"]),
    (
        "death",
        PSYCH,
        True,
        None,
        [r"(?:人|命)(?:都|也|快|就|差点|差一点|要)*没了|没(?:了)?命|丢了?(?:半条)?命"],
    ),
    # Living, with negation or despair.
    (
        "despair",
        PSYCH,
        True,
        None,
        [
            r"(?<![生干快灵农复激做杂存养])活(?:着|下去|在世上|了这么久|这么久)?_{0,4}(?:不下去"
            r"|(?:没|冇)(?:有|得)?(?:什么|啥|么斯)?(?:意思|意义|用|劲|盼头|必要)"
            r"|有(?:啥|什么|么斯)(?:意思|用)|够了|算了|受罪|太难|太苦|太累|好累|真累|好难"
            r"|干嘛|做什么|拖累|累赘|添麻烦|负担|多余)",
            r"(?:没|冇)(?:有|得)?(?:活下去|活着)的(?:必要|意义|理由)|(?:没|冇)(?:有|得)?活头",
            H("不想活") + NOT_LIVING,
            H("活着") + r"_{0,3}没" + H("意思"),
            r"想" + H("死") + r"(?![你您我大])",
            r"不(?:想|要|愿|愿意)(?:再)?(?:活" + NOT_LIVING + r"|过下去|撑|坚持)",
            r"撑不(?:下去|住)|扛不住|熬不(?:下去|过去|住)",
            # "快崩溃了", "受不了了" are how stress is said; the sets do not call them crises.
            r"绝望|没有?活路|走投无路|没(?:有)?希望了",
        ],
    ),
    # An ending, a release, a goodbye to the world.
    (
        "ending",
        PSYCH,
        True,
        None,
        [
            r"了断|了结|一了百了|解脱",
            r"结束(?:掉)?(?:这一切|一切|生命|自己|这种日子|这种生活|算了|吧)|想结束",
            r"离开(?:这个)?(?:世界|人世|人间|大家|你们|这个家)|(?:不想|不要|不愿)(?:再)?醒",
            r"永别|告别|(?:跟|和|向)(?:大家|你们|这个世界|世界)_{0,4}(?:再见|告别)",
            r"再见了?(?:这个)?世界|再也不回来",
            r"(?:走|死)(?:得)?_{0,2}不(?:痛|疼)|无痛|(?:没有?|没得)存在的(?:必要|意义)",
        ],
    ),
    # The words of suicide and self-harm themselves, in any phrasing around them.
    (
        "suicide",
        PSYCH,
        True,
        None,
        [
            r"自杀|自尽|轻生|自残|自伤|想不开|傻事|短见|遗书|遗言|绝笔",
            r"跳(?:楼|江|河|湖|桥|下去)|(?:阳台|窗台|窗户|天台|楼顶)_{0,6}(?:跳|站|坐)",
        ],
    ),
    # Harm: cuts, wounds, pills by the handful, means kept ready.
    (
        "harm",
        PSYCH,
        True,
        None,
        [
            r"割(?:了)?(?:手|腕|脖子|自己|一刀|几刀|伤)|(?:刀|刀片|玻璃|剪刀)_{0,6}(?:划|割|扎|捅|砍)",
            r"划(?:了)?(?:好多|很多|几)?(?:道|刀|下)|伤(?:得|的)?(?:很重|严重|不轻)|重伤",
            r"伤口_{0,4}(?:很深|好深|好大|很大)",
            r"(?:吃|吞|喝)(?:了|下|掉)?_{0,4}(?!(?:一|半|1)(?:片|颗|粒))(?:\d+|[一二两三四五六七八九十几半整好大]+)(?:多)?"
            r"(?:瓶|盒|板|把|片|颗|粒|包)_{0,4}药",
            r"(?:把|将)?药_{0,4}(?:全|都|全部)(?:吃|吞|喝)|(?:一|整)(?:瓶|盒|板|把)药",
            r"(?:攒|存|囤|藏)(?:了|起来|下)?_{0,8}(?:安眠药|安定|药)",
            r"(?:安眠药|安定)_{0,8}(?:攒|存|囤|藏|吃了)|(?:刀|刀片|绳子?)_{0,2}(?:藏|准备|备)(?:好|在)",
        ],
    ),
    (
        "harm",
        MEDICAL,
        False,
        None,
        [
            r"(?:(?:流|出|拉|便|尿)(?:了)?(?:好多|很多|一地|不少|大量|一滩|一大滩)?(?:的)?"
            r"|(?:吐|咳|呕)_{0,6})血(?!压|糖|常规|型|脂|氧|检|管|液科)",
            r"血_{0,4}(?:止不住|一滩|不止|直流|往外|在流|一直流|流个不停)",
        ],
    ),
    # Violence: a hand, a weapon or a threat against a person; the police.
    (
        "violence",
        PSYCH,
        True,
        None,
        [
            r"家暴|虐待|威胁|动手|拳打脚踢|放火|锁在(?:屋|家|房)|推(?:倒|到)",
            r"(?:打|揍|踢|掐|抽|扇|推)(?:了|过|伤)?(?:我|她|他|孩子|伢|娃|老婆|媳妇|老人|妈|爸)"
            r"(?!的?(?:电话|手机|微信|视频|语音|座机)|一下|招呼|针|疫苗|个?电话|们)",
            r"(?:弄|打|掐|砍)死(?!它|狗|猫|蚊子|老鼠|虫|蟑螂)|掐_{0,4}脖子",
            r"(?:拿|提|举)(?:着|起)?(?:一把)?(?:刀|菜刀|剪刀|棍子|斧头)"
            r"(?!_{0,8}(?:切|削|剁|做饭|炒|菜|水果|鱼|鸡|肉|瓜))",
            r"报(?:个)?警|警察|(?<!\d)110(?!\d)|打(?:断|破|伤|人)|打得(?:头|鼻|浑身|好凶|很凶|住院)",
        ],
    ),
    # An emergency. An ambulance heard or seen is not a call for one ("救护车一直在叫").
    (
        "emergency",
        MEDICAL,
        True,
        None,
        [
            r"救命|急救|抢救|快来人|快点来人|来人啊|出事了|出大事|sos|救救|求救",
            r"病危|危急|生命危险",
            r"(?:叫|打|喊|拨|等)(?:了|个|通)*(?:120|救护车)",
            r"(?:120|救护车)_{0,4}(?:还没来|还不来|一直不来|打不通|占线|没人接|叫不到|等不到)",
            PERSON + r"_{0,3}(?:快|要|快要|怕是|怕)?不行了",
        ],
    ),
    # Unable to move, rise, speak, breathe, answer; the signs of the body in danger.
    (
        "unable",
        MEDICAL,
        False,
        None,
        [
            r"动不了|动弹不得|起不来|爬不起来|站不起来|站不稳|说不出话|说不了话",
            r"喘不|上不来气|透不过气|吸不(?:进|上|动)|憋(?:紫|青)|呛(?:到|着)|憋气|憋得",
            r"呼吸_{0,4}(?:困难|不畅|不顺|费劲|费力|急|快|难|不上|不过|不了|弱|不太好|不好)",
            r"喘(?:得|的|气)?" + DEGREE + r"*(?:厉害|很|好|不行|急|难受|粗)",
            r"喘(?:个)?不停|一直喘|气(?:都)?不够用",
            r"没(?:有)?反应|没(?:有)?知觉|叫不应|不(?:太|怎么|大)?[省醒]人事|晕|昏|抽搐|抽筋",
            r"(?:叫|喊|摇|拍)_{0,4}不(?:太|怎么|大)?醒|醒不过来|迷糊|胡话|不认(?:识)?人|意识",
            r"(?:答|说)不上来|冷汗|手脚冰凉|血氧|心跳_{0,3}(?:快|慢|乱)",
            r"嘴(?:唇|巴|角)?_{0,3}(?:发白|发紫|发乌|发青|歪)|大舌头|含糊不清|流口水",
            r"(?:说话|讲话)_{0,4}(?:不清|含糊|颠三倒四)|抬不起来|发麻",
            r"抽风|惊厥|口吐白沫|羊水|见红|胸(?:口)?_{0,4}(?:痛|疼|压|石头)",
            r"心脏病(?:犯|发)|中风|脑梗|心梗",
            r"误(?:吃|食|服|喝)|(?:吞|咽)(?:了|下)_{0,6}(?:电池|纽扣|硬币|磁铁|钉|针|刀片|药)",
            r"倒(?:在)?地|(?:一动|动也)不动|摔(?:倒|下来|跤|伤)",
        ],
    ),
    (
        "unable",
        ELDER_CARE,
        False,
        None,
        [r"不吃不喝|(?:几|两|三|好几)天(?:都)?没(?:吃|喝)(?:饭|东西|水)"],
    ),
    # A dependant with no one.
    (
        "alone",
        CHILD_CARE,
        False,
        None,
        [
            r"(?:" + alt(DEPENDANT, S.ELDER) + r")~{0,16}(?:一个人|独自|单独|自己)~{0,12}"
            r"没(?:有)?人(?:管|照顾|照看|看|陪|送|做饭|帮|问|理|在)",
            r"(?:" + DEPENDANT + r")~{0,16}(?:一个人|独自|单独)(?:在)?(?:家|屋)",
            r"(?:" + alt(DEPENDANT, S.ELDER) + r")~{0,16}没(?:有)?人(?:带|管|照顾|照看)",
            r"没(?:有)?人(?:管|照顾|照看|看着|陪)(?:了|啊|呀)?(?=[，。！？；\n]|$)",
        ],
    ),
    (
        "alone",
        CHILD_CARE,
        False,
        DEPENDANT_ANYWHERE,
        [
            # "家里就我和孩子" is a parent at home with a child, not a child alone.
            r"(?:就|只)(?:剩|有)?(?:下)?(?:他|她|我|我们)(?:一个|两个|俩|和|跟)"
            r"(?!" + S.CHILD + r"|老人|老公|老婆)",
            r"没(?:有)?人(?:去|来)?(?:看过|看|管|照顾|照看|送饭|做饭)",
            r"(?:父母|爸妈|爸爸妈妈|大人|家长|我(?:和|跟)(?:老公|老婆|爱人))~{0,8}(?:都|全|俩)~{0,6}"
            r"(?:确诊|住院|隔离|方舱|拉走|送|带走|回不来)",
        ],
    ),
)

# --- What unmakes a stem ------------------------------------------------------------------

# 死 as a figure of speech or in a thing: 热死了, 累得要死, 笑死, 想死你们, 死贵, 死机 …
DEATH_IDIOM = alt(
    r"(?:感动|搞|折腾|整|热|累|笑|烦|气|急|饿|吓|困|冷|忙|闷|渴|晒|吵|愁|馋|痒|臭|美|爽|懒|傻"
    r"|蠢|挤|堵|卡|封|锁|焊|钉|憋|撑|无聊|恶心|麻烦|郁闷|难吃|好吃|好笑|心疼|尴尬|羡慕|紧张"
    r"|着急|无语|难受|疼|痛|担心|害怕|等|冻|晕|腻|丑|帅|酸|辣|甜|咸|苦|病)"
    r"(?:(?:得|的)(?:我|人)?(?:都|真|快|要)?想死|(?:得|的)?(?:个)?(?:要|快|快要|半)?死)",
    r"死(?:贵|鬼|机|心|活|磕|板|角|党|胡同|守|皮|脑筋|对头|缠|扛|记|盯|忠|敌|结|胖|沉|宅|路"
    r"|循环|它|马|猪|鱼|虾|老鼠|蚊子|蟑螂|者|亡人数|亡率|亡病例|刑|忙|累|命|定了|不|都|也"
    r"|要面子)",
    r"死(?:我|人|你|他|她)了|要死不活|该死|找死|半死|生不如死|死去活来|死里逃生|生死",
    r"想死(?:你|您|我|大家|了你)",
)
# Leaving, in a goodbye: "我走了，你们保重" (never "我先走了" to a meeting).
GOODBYE = alt(
    r"保重|再见|对不起|别难过|不要难过|别哭|照顾好|永别|谢谢(?:你们|大家)|别找我|忘了我",
    r"下辈子|原谅",
)
# A thing, a device, a shop, not a person: "手机动不了", "绿萝死了".
THING = (
    r"(?:手机|电脑|屏幕|网络|网|系统|页面|电视|机器|小程序|车|电梯|冰箱|店|生意|公司|花|草|树"
    r"|盆栽|绿萝|菜|苗|电池|电|水|钱|账号|号|灯|空调|热水器|微信|群|快递|外卖|程序|软件|app)"
    r"_{0,3}$"
)
IDIOMS = alt(
    r"(?:早上|早起|闹钟|赖床|太困|起床)_{0,4}起不来|起不来床",
    r"(?:感动|气|惊讶|吓|激动|开心|高兴)(?:得|的)?说不出话",
    r"晕车|晕船|头晕|有点晕|晕乎|晕头|眼晕|犯晕|昏暗|黄昏|昏头|发昏|头昏|昏昏|晕晕",
    r"(?:小腿|腿|脚|半夜)抽筋|抽筋了?(?:，)?(?:缺钙|补钙)",
    # Tired, not dying: "他不行了太累了".
    r"不行了_{0,2}(?:太|好|真)?(?:累|困|饿|热|忙|笑)",
)
# Relieved, not released: "隔离结束了，终于解脱了".
RELIEF = r"解封|隔离(?:期)?(?:结束|满了|解除)|下班|考完|放假|出院|做完|忙完|终于(?:可以|能)"
# Still going on: a past told with one of these is not over.
ONGOING = r"现在还|还是|又|最近|这几天|这两天|今天|今晚|刚才|刚刚|突然|正在|一直|越来越|还在"
# An episode told as over: "晕了一下，120来接走了，现在情况稳定".
ALL_CLEAR = (
    r"情况稳定|已经稳定|已经没事|现在没事|没事了|大家放心|已经好了|现在好了|缓过来了|醒过来了"
    r"|抢救过来|已经(?:止住|不流)|止住了|说没事|没大碍"
)
RETRACTED = r"看错了|搞错了|弄错了|是误会|其实没(?:有)?"
NOT_ALONE = r"(?:不是|并不是|并非|没有|没)(?:一个人|独自|单独)"
