"""Phrase tables of the triage screen (see triage.py for how they are used).

Every pattern is a regular expression matched against the *compact* text: NFKC
(full-width → half-width), lower case, traditional → simplified for the characters
below, with spaces, emoji and decorative marks removed, so "想 死" and "想😭死" read
"想死". Clause punctuation (，。！？；、 and new lines) is kept.

Patterns name a `cue` group when only part of them is the sign (e.g. "孩子…一个人在家":
the negation that matters is the one before "一个人在家").
"""

# A small traditional → simplified table: the characters of the phrases below.
TRADITIONAL = str.maketrans(
    "殺難輕樓藥醫體氣暈腦個來們無沒說會過現這還給兒媽爺孫親離顧護發燒熱飯餓買傷殘動脅緒"
    "準壓憂鬱慮懷擔幫請問題點時間門開關見覺聽東聯繫係劇識斷鬧嗎麼壞樣帶獨單歲讓長頭衛報電"
    "話從後對應該記風糧飢餵嬰營養場戶機燈廁滅結終絕決遺書囑別際邊實嚴幾極緊塊麵線號碼"
    "跡隊錯紮燙摳歡樂攢瓶農處剩夠盡麼蟲嘔嚨鹽張猶豫躁鬆癱癡聾啞盲產預臟絞梗暴毆揍威脅"
    "陪隨當經歷裡裏著",
    "杀难轻楼药医体气晕脑个来们无没说会过现这还给儿妈爷孙亲离顾护发烧热饭饿买伤残动胁绪"
    "准压忧郁虑怀担帮请问题点时间门开关见觉听东联系系剧识断闹吗么坏样带独单岁让长头卫报电"
    "话从后对应该记风粮饥喂婴营养场户机灯厕灭结终绝决遗书嘱别际边实严几极紧块面线号码"
    "迹队错扎烫抠欢乐攒瓶农处剩够尽么虫呕咙盐张犹豫躁松瘫痴聋哑盲产预脏绞梗暴殴揍威胁"
    "陪随当经历里里着",
)

# After NFKC the full-width ，！？； are ASCII; they are turned back so that one set of
# clause marks is enough for the patterns (`[^，。！？；\n]` stays inside a clause).
CLAUSE_MARKS = str.maketrans(",!?;", "，！？；")
# Clause punctuation: negation and hypotheticals do not reach across it.
CLAUSE = "，。！？；\n"
SENTENCE = "。！？；\n"

# A sentence about a film, a game or the news is not about the resident.
FICTION = (
    r"电视剧|电视|电影|小说|游戏(?!账号|号|机|币|装备|皮肤)|新闻|剧里|视频里|书里|报道|报纸|广播|抖音|快手|微博|热搜|网上看到"
    r"|网上说|短视频|文章|听说外地|外地有|国外|别的小区|其他小区|别的城市|动画|绘本|追的剧|大结局|主角|女主|男主|剧情"
)
# "热得想死": tired, hot, hungry … exaggerations, not suicidal thoughts.
# "X得我想死" ("等得我想死", "气得我想死") is the same figure of speech.
HYPERBOLE = (
    r"(?:热|累|困|饿|冷|渴|忙|笑|撑|闲|无聊|憋|闷|晒|吵|气|烦|急|等)(?:得|的)?$"
    r"|(?<!觉|记|懂|晓|值|舍|显|获|难|免|省|使|认|总|还|非|只)得(?:我|人)(?:都|真|快|要)?$"
)

# --- Scope of a phrase --------------------------------------------------------------------

# Stripped from the end of the text before a phrase to find the word that governs it.
FILLERS = (
    "出现过|出现|发生过|发生|有过|任何|什么|明显的|明显|那种|这种|这样的|那样的|一点|再|还"
    "|也|都|其他|别的|感到|觉得|想过|想要|产生过|产生|要|会|去|真的|真|打算|计划|说过|说|提过"
    "|提到|伴有|伴随|发现|见|想|是|因为|在|过|有|的|了|和|或|及|跟|、|着|一直|经常"
    "|她|他|我|老人|孩子|病人|患者|老公|老婆|我妈|我爸"
)
# Symptoms listed alongside ("没有发烧、咳嗽、呼吸困难") are stripped too.
SYMPTOMS = (
    "发烧|发热|咳嗽|乏力|腹泻|拉肚子|头痛|头疼|胸闷|气短|呕吐|恶心|畏寒|肌肉酸痛|喉咙痛|咽痛"
    "|流鼻涕|鼻塞|发冷|干咳|等症状|症状|头晕"
)
NEGATIONS = (
    "没有|没|冇得|冇有|冇|不|不是|并不是|并非|不会|不再|未|无|从未|从不|否认|排除|不至于"
    "|不存在|毫无|莫得|没得"
)
# "别想不开" / "莫做傻事" / "怕她会想不开" mean someone fears it: for suicide, self-harm
# and violence they do not negate (a fear is reason enough to call).
PROHIBITIVES = "别|不要|莫|千万别|千万不要|可别|不能|会不会|可能会|怕|担心|生怕"
HYPOTHETICALS = (
    "如果|要是|万一|假如|假设|如有|如出现|若有|若|一旦|以防|防止|预防|以免|免得|会不会|可能会"
    "|注意|警惕|有无|是否|有没有|怎么判断|什么是"
)
# A condition governs the rest of its clause ("如果有人想不开要上报"), but not its
# consequence when that is a threat: "如果我跟他分手他就去死" is a threat of suicide.
CONSEQUENCE = r"就|便|那就|才"
# "你再抢我遥控器我弄死你": a condition too (a threat still needs its "就").
CONDITION = (
    r"(?:如果|要是|万一|假如|假设|一旦|倘若|再不|不然|否则|你再|他再|她再|再敢)"
    r"[^，。！？；\n]{0,8}$"
)
WORRY = (
    r"(?:怕|担心|害怕|生怕)[^，。！？；\n]{0,6}(?:会|出现|发展成|发展|引起|导致)"
    r"[^，。！？；\n]{0,6}$"
)
NEGATED_AFTER = (
    r"^(?:的(?:念头|想法|意思|打算|情况|症状)|症状|情况|倒|倒是|是|那|这个|的话|吗|么|嘛|啊|呢|[？?，,])*"
    r"(?:没有|没|冇得|不会|不至于|不可能|不存在|谈不上|还没到|倒不至于|没得)"
    r"(?:的|啊|呀|吧|了|哈|过|事)*(?:[，。！？,.!?；;\n]|$)"
)
# A calm past: something that happened then ("以前", "那几年") and is over now.
PAST = (
    r"以前|之前|过去|曾经|当时|那时|那段时间|那几年|那年|前几年|几年前|好多年前|很多年前|上个月|去年"
    r"|前年|早年|年轻时|年轻的时候|小时候|前些年|前段时间|有段时间|有一段时间|上次|那次|高中|大学|读书时"
)
RESOLVED = (
    r"现在(?:已经|都|也)?(?:过得|活得)?(?:好多了|好了|好些了|没有了|没了|不会了|不这么想|不想了|挺好|还好|很好"
    r"|没事|想开了|稳定|恢复|正常|离婚了|分开了|搬出来了|平静)|已经(?:好了|没事了|走出来|想开了|想通了"
    r"|过去了|离婚)|早就(?:过去|好了|没有了)|走出来了|想通了|想开了|都过去了|那是"
    + "[^，。！？；\n]{0,6}"
    r"(?:前|以前)?的事|后来(?:慢慢)?(?:好了|治好|走出来)|(?:医生)?说没事|没什么事|没大碍"
    r"|还有(?:个|道)?疤|留(?:下|了)(?:个|道)?疤|是(?:前年|去年|以前|几年前|好多年前|很久以前)的事"
    r"|(?:已经)?出院(?:回家)?了"
)
# --- Who it is about ------------------------------------------------------------------------

# A general question names no one it happens to ("请问晕倒了应该怎么急救？").
ASKING = (
    r"^(?:请问|想问|问一下|问下|咨询|想咨询|想了解|想学|了解一下|科普)"
    r"|这些症状|这种情况|怎么急救|急救知识"
)
PERSON = (
    r"我|你|他|她|俺|咱|爸|妈|爷|奶|公|婆|孩子|儿|女|宝|伢|娃|老人家|老伴|爹|娘|姐|哥|弟|妹|邻居"
    r"|同事|朋友|老公|老婆|媳妇|丈夫|妻子|家人|老太|老头|大爷|阿姨|叔"
)
URGENCY = r"现在|刚才|刚刚|突然|快来|救命|马上|赶紧|着急|急死|很急|急急|紧急|求助|正在"
# A correction takes back what was said: "上次说我爸药吃多了是我看错了".
RETRACTED = (
    r"看错了|搞错了|弄错了|是误会|其实没(?:有)?|只是想想|说说而已|气话|开玩笑的|随便说说"
    r"|吓我一跳|虚惊一场"
)
# A laugh makes a conditional threat a joke ("哈哈我妈说我再不洗碗就打死我").
JOKE = r"哈哈|嘻嘻|呵呵|hhh|233|开个玩笑|逗你"
# Said not in earnest, in the same sentence: a laugh, "(bushi)" (just kidding), a
# catchphrase, a fond grumble ("就是爱念叨", "她身体好得很").
# "我不是开玩笑" is earnest.
NOT_SERIOUS = (
    r"(?<!不是)(?<!没有)(?<!没)(?<!并非)(?<!不)(?:"
    + JOKE
    + r"|bushi|口头禅|开玩笑|玩笑话|说着玩|爱念叨|好得很|只是想想|说说而已|气话)"
)
# Animals are not cases: "小猫误吃了一根橡皮筋".
ANIMAL = r"猫|狗|宠物|鸟|鹦鹉|鱼|兔|仓鼠|乌龟"

# --- Urgent (P2) and other signs ----------------------------------------------------------

MEDICINE_OUT = [
    r"断药|断了药|停药了",
    r"药(?:快|要|都|已经|马上)?(?:就)?(?:吃完|用完|没了|吃光|用光|断了|不够|见底|没得了|冇得了)",
    r"没(?:有)?药(?:了|吃)|冇得药",
    r"(?:只|就)剩(?:下)?[^，。！？；\n]{0,6}(?:一|两|1|2|半)(?:天|顿|粒|片|次|支)",
    r"(?:明天|今天|后天)(?:就)?(?:没药|断药)",
    r"胰岛素(?:快)?(?:没|用完|不够)",
]
HIGH_FEVER = r"高烧|高热|发高烧|(?:38\.[5-9]|39|40|41|42)(?:\.\d)?(?:度|°c|℃)|烧到(?:39|40|41)"
OTHER_URGENT = [
    (r"透析|化疗|放疗", "treatment", "需要按时治疗"),
    (r"胸闷气短|胸闷|气短|心慌", "breathless", "身体不适需尽快问诊"),
    (r"要生了|快生了|预产期", "labour", "临近分娩"),
]
NO_FOOD = (
    r"没(?:有)?(?:吃的|菜|米|饭吃|东西吃|粮)|断粮|断顿|饿了(?:一|两|三|几|好几)天|吃不上饭"
    r"|冇得(?:吃的|菜|米)|没得(?:吃的|菜|米)|米(?:缸)?(?:见底|吃完)"
)
ELDERLY_TEXT = (
    r"老人|老人家|爷爷|奶奶|外公|外婆|老两口|老母亲|老父亲|老伴|[789]\d岁|七十|八十|九十|独居"
)

# Vulnerabilities written in the text, by the registry tag they stand for.
TEXT_VULNERABILITY = {
    "elderly_alone": r"独居|空巢|孤寡|一个人住|一人住|一个人生活",
    "chronic": (
        r"慢性病|慢病|高血压|糖尿病|心脏病|冠心病|癌|肿瘤|透析|化疗|尿毒症|肾衰|哮喘|慢阻肺"
        r"|帕金森|精神分裂|抑郁症|双相|癫痫"
    ),
    "disability": r"残疾|瘫痪|坐轮椅|失明|盲人|聋哑|智障|脑瘫|自闭症",
    "pregnant": r"怀孕|孕妇|孕\d+周|孕期|怀孕\d+个月|预产期|产检",
    "child": (
        r"婴儿|新生儿|幼儿|小朋友|宝宝|(?:1[0-3]|[1-9]|[一二三四五六七八九]|十[一二三]?)岁(?:多)?(?:的)?"
        r"(?:孩子|小孩|女儿|儿子|宝宝|娃|伢|孙子|孙女)|(?:\d+|[一二三四五六七八九十])个月(?:大)?的?"
        r"(?:宝宝|孩子|婴儿)|奶粉|尿不湿|纸尿裤"
    ),
    "medical_family": (
        r"(?:老公|老婆|丈夫|妻子|爱人|儿子|女儿|爸|妈|家人|家里人|媳妇)[^，。！？；\n]{0,4}"
        r"(?:医生|护士|医护|一线|援鄂)|医护(?:人员)?(?:的)?(?:家属|家庭)|一线医护"
    ),
}

# Category keywords, with weights; the category with the highest score (2 at least) wins,
# the first listed on a tie. What is needed (medicine, a doctor, someone to talk to, food)
# weighs more than who needs it: "独居老人没有吃的" is supplies, "老人发烧" medical.
CATEGORY_WORDS = {
    "medicine": [
        (r"药|丸|胶囊|布洛芬|碘伏", 3),
        (r"处方|配药|开药|胰岛素|药店|药房|喷雾|退热贴|益生菌|眼药水|降压的|降糖的", 2),
        # Drug names by their common endings: 二甲双胍, 硝苯地平, 阿托伐他汀, 缬沙坦 …
        (r"双胍|地平|他汀|沙坦|普利|洛尔|格列|替卡韦|阿司匹林", 3),
    ],
    "medical": [
        (r"发烧|发热|咳嗽|看病|医院|就医|门诊|透析|化疗|检查|症状|拉肚子|腹泻|血压|血糖|核酸", 3),
        (r"呼吸|昏迷|胸口|胸痛|晕|抽搐|出血|体温|低烧|(?:吃|用)(?:什么|啥|哪种)药", 3),
        (r"疼|痛|治好|治疗|病情|生命危险|休养", 2),
        (r"感染|确诊|疑似|住院|产检|打针|伤口|感冒|过敏|呕吐|怀孕|孕|ct|医生|病|睡着", 1),
    ],
    "psych": [
        (r"焦虑|失眠|睡不着|情绪|抑郁|崩溃|恐慌|恐惧|心理|绝望|烦躁|心烦|想不通|憋屈|难过|伤心", 2),
        (r"心情|念头|轻生|傻事|家暴|聊聊|说说话|孤独|心里", 2),
        (r"害怕|哭|压力|难受|吵|紧张|心慌|慌|担心|去世|发脾气|暴躁|怕|吼", 1),
    ],
    "supplies": [
        (
            r"菜|米|面条|挂面|面粉|油|肉|蛋|水果|牛奶|吃的|物资|口罩|消毒|酒精|卫生纸|纸巾|团购|粮",
            2,
        ),
        (r"煤气|燃气|液化气|盐|酱油|吃饭|饭菜|没饭|外卖|生活用品|洗衣|买不到|卫生巾", 2),
    ],
    "elder_care": [
        (
            r"照顾|洗澡|翻身|擦身|问候|看护|护工|保姆|陪护|上门看|轮椅|行动不便|瘫痪|痴呆|失智|卧床",
            2,
        ),
        (
            r"老人|老母亲|老父亲|爷爷|奶奶|外婆|外公|老伴|独居|老两口|空巢|爹爹|[789]\d岁|八十|九十",
            1,
        ),
    ],
    "child_care": [
        (r"奶粉|尿不湿|纸尿裤|网课|作业|辅导|课外书|学习|上课|不听话|哭闹|带不过来|闹着", 3),
        (r"孩子|小孩|宝宝|婴儿|娃|伢|幼儿|小朋友|儿子|女儿|孙子|孙女", 1),
    ],
}
