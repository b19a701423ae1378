"""The word lists the rules read: titles, name characters, boundaries, suffixes, and the gazetteer
of places built from the reference tables. Loaded once, on first use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from diplograph.reference import load_reference

# Characters of the standard Chinese transliteration of foreign names (外国人名汉字译写):
# a name made only of these is read as a foreign name.
TRANSLITERATION = set(
    "阿埃艾爱安昂奥敖巴拔邦包保鲍贝本比彼毕宾滨波伯勃博布查察达戴丹道德登迪底蒂丁东杜多厄恩尔"
    "法凡范菲费芬丰冯佛夫弗伏福富盖甘冈高戈格葛根古贡瓜圭贵哈海亥汉豪赫亨洪胡华霍基吉济加迦贾"
    "杰捷金津旧居喀卡凯坎康考柯科可克肯孔库夸奎昆拉腊莱赖兰朗劳勒雷蕾累黎里理利莉丽连列林琳"
    "玲菱留流柳龙隆卢鲁陆路伦罗洛吕律马玛迈麦曼芒梅美门蒙孟米密缅明摩莫默姆木穆纳娜乃奈南"
    "楠内尼妮涅宁纽努诺欧帕派潘庞佩彭皮普奇齐其恰钱乔切琴丘屈萨塞赛桑瑟森沙莎山尚绍舍申什圣"
    "施史士舒斯丝松苏索塔泰坦汤唐陶特提廷图托瓦万旺威韦维温文翁沃乌武西希锡席夏谢辛欣休许"
    "雅亚延扬耶叶伊依易因英尤由于宇约泽扎詹兹佐祖尊哲珍卓内茨娃姬琪黛芙"
    "素义罕琼娅丝莲芭瑙朱奴喜沙赞奥埃纳迪杰斯惠热合吐逊不勒卜拉赫曼颂猜他坤磅湛"
)

# Common Chinese surnames: a two- or three-character name starting with one reads as a Chinese name.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印"
    "习逯隗訾"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "长孙", "宇文", "司徒", "令狐", "夏侯", "端木", "西门", "南宫", "独孤")

# Posts, as they follow an organization or place and precede a name. Longest match wins.
TITLES = sorted(set("""
总书记 书记 副书记 省委书记 省委副书记 市委书记 市委副书记 区委书记 县委书记 党组书记 党委书记
常委 省委常委 市委常委 政治局委员 政治局常委 委员 中央委员 中央军委副主席
省长 副省长 常务副省长 代省长 代理省长 市长 副市长 常务副市长 代市长 州长 副州长 区长 副区长
县长 副县长 镇长 边疆区长 行政长官 署理行政长官 特首 主席 副主席 代主席 执行主席 名誉主席
总统 副总统 总理 副总理 首相 副首相 国务委员 国家主席 国家副主席 议长 副议长 参议员 众议员
议员 参议长 众议长 国王 女王 王储 亲王 王子 公主 苏丹 埃米尔 大公 总督 副总督
部长 副部长 外长 外交部长 部长助理 大臣 次大臣 国务大臣 副大臣 次长 副次长 常务次长 国务秘书
秘书长 副秘书长 司长 副司长 总司长 局长 副局长 厅长 副厅长 处长 署长 副署长 主任 副主任
大使 特命全权大使 总领事 副总领事 领事 参赞 公使 公使衔参赞 临时代办 代办 武官
总裁 副总裁 首席执行官 首席运营官 首席财务官 董事长 副董事长 董事 总经理 副总经理 执行董事
行长 副行长 会长 副会长 理事长 副理事长 执行会长 总干事 副总干事 负责人 创始人 合伙人 总监
校长 副校长 院长 副院长 所长 社长 台长 总编辑 团长 副团长 秘书长 顾问 特使 特别代表
市政委员 州务卿 国务卿 州议员 市议员 议会议长 首席部长 省督 酋长 领导人
知事 副知事 道知事 县知事 府知事 都知事 市长助理 党首 主席团主席 外办主任 经理
府尹 副府尹 省督 市政厅长 郡长 副郡长 州督 邦长 首席执行长
""".split()), key=len, reverse=True)

# Titles that by themselves mark a Chinese official (the party and state posts of China).
CHINESE_TITLE_MARKERS = ("省委", "市委", "区委", "县委", "党组", "政治局", "中央军委", "国务委员",
                         "国家主席", "国家副主席", "总书记")
# Posts China does not have: whoever holds one is foreign, whatever their name looks like.
FOREIGN_ONLY_TITLES = {"郡长", "副郡长", "州督", "邦长", "府尹", "副府尹", "知事", "副知事", "道知事", "县知事", "府知事", "都知事", "大臣", "次大臣", "国务大臣", "副大臣", "州长", "副州长", "参议员", "众议员",
                       "总统", "副总统", "首相", "副首相", "国王", "女王", "王储", "亲王", "王子", "公主",
                       "苏丹", "埃米尔", "大公", "总督", "副总督", "国务卿", "州务卿", "酋长", "省督",
                       "边疆区长", "首席部长", "参议长", "众议长", "州议员", "市政委员", "次长", "常务次长",
                       "国务秘书"}
# Words in an affiliation that place the official in China.
CHINESE_AFFILIATION_MARKERS = ("中共", "中央", "国务院", "全国人大", "全国政协", "我国", "我省", "我市", "党委",
                               "省外办", "市外办", "省直", "自治区",
                               "省委", "市委", "省政府", "市政府", "省人大", "省政协", "外交部",
                               "商务部", "外事办", "人民政府")

# Words that may follow a name directly: where a name read after a title must end.
NAME_BOUNDARIES = sorted(set("""
在 会见 会谈 会晤 座谈 率 率领 带领 与 和 同 及 以及 一行 等 表示 说 指出 强调 介绍 致辞 出席 参加
进行 为 的 对 向 分别 共同 签署 主持 陪同 访问 来 赴 到 于 代表 应邀 先后 还 也 就 已 将 是 时
通电话 通话 视频 举行 共同签署
发表 讲话 见证 考察 调研 参观 举行 听取 热烈 祝贺 宣布 希望 感谢 欢迎 回顾 一同 前往 抵达 出访
亲切 再次 首先 认为 作 做 答 接受 见 所 被 给 把 从 由 之 女士 先生 阁下 夫妇 一起 同志 等人
今天 昨天 日前 近日 此前 随后 当天 上午 下午 晚 试驾 参会 莅临 出任 担任 兼 会 致 说明
首次 此次 曾 曾经 访华 来华 抵达 到访 来到 于
""".split()), key=len, reverse=True)

NOT_NAMES = {"一行", "表示", "同志", "先生", "女士", "等人", "本人", "双方", "两国", "阁下", "代表",
             "大使馆", "领事馆", "总领事馆", "级别", "助理", "人选", "候选人", "办公室", "们"}

# Words that end the organization or place written before a title (walking leftwards).
AFFILIATION_STOPS = sorted(set("""
会见 会谈 会晤 座谈 在 率 率领 同 的 由 以 为 向 对 了 及 等 是 任 即 表示 出席 参加 欢迎 感谢 陪同
会见了 分别会见 图为 其中 包括 邀请 见证 听取 和 与 还 也 并 后 前 时 期间 先后 访问 拜会 会同
""".split()), key=len, reverse=True)

ORGANIZATION_KINDS = (
    # suffix, kind (longest suffixes first when matching)
    ("股份有限公司", "enterprise"), ("有限责任公司", "enterprise"), ("有限公司", "enterprise"),
    ("集团公司", "enterprise"), ("集团", "enterprise"), ("公司", "enterprise"), ("银行", "enterprise"),
    ("控股", "enterprise"), ("企业", "enterprise"),
    ("人民政府", "government"), ("政府", "government"), ("外事办公室", "government"),
    ("外事办", "government"), ("服务中心", "government"), ("委员会", "government"),
    ("管理局", "government"), ("贸发局", "government"), ("推广署", "government"),
    ("总司", "government"), ("经济特区", "government"), ("大使馆", "government"), ("使馆", "government"),
    ("总领事馆", "government"), ("领事馆", "government"), ("议会", "government"), ("部", "government"),
    ("局", "government"), ("署", "government"), ("厅", "government"), ("办", "government"),
    ("委", "government"), ("基金", "government"),
    ("党", "party"),
    ("分会", "association"), ("总会", "association"), ("合作区", "government"),
    ("商会", "association"), ("协会", "association"), ("学会", "association"),
    ("联合会", "association"), ("促进会", "association"), ("基金会", "association"),
    ("电视台", "media"), ("日报", "media"), ("报社", "media"), ("通讯社", "media"), ("广播电台", "media"),
)


def ends_with_any(words: frozenset[str] | set[str], text: str, j: int, longest: int = 4) -> str | None:
    """The word of `words` that text[:j] ends with (the longest), or None."""
    for k in range(min(longest, j), 0, -1):
        if text[j - k:j] in words:
            return text[j - k:j]
    return None


@dataclass(frozen=True)
class PlaceEntry:
    label: str  # as written
    code: str  # ISO code (country, region or CN-XX province); "" for areas without one
    kind: str  # country, region, supranational, area, province, city, state, ...
    country: str  # ISO alpha-2 of the country it is in ("" for areas)


class Gazetteer:
    """Longest-match lookup of place names in text."""

    def __init__(self, entries: dict[str, PlaceEntry]):
        self.entries = entries
        self.lengths_by_first: dict[str, list[int]] = {}
        for name in entries:
            lengths = self.lengths_by_first.setdefault(name[0], [])
            if len(name) not in lengths:
                lengths.append(len(name))
        for lengths in self.lengths_by_first.values():
            lengths.sort(reverse=True)

    def find(self, text: str) -> list[tuple[int, int, PlaceEntry]]:
        """Non-overlapping place names in `text`, leftmost-longest."""
        out = []
        i = 0
        n = len(text)
        while i < n:
            lengths = self.lengths_by_first.get(text[i])
            if lengths:
                for length in lengths:
                    if i + length <= n:
                        entry = self.entries.get(text[i:i + length])
                        if entry is not None:
                            out.append((i, i + length, entry))
                            i += length
                            break
                else:
                    i += 1
                continue
            i += 1
        return out

    def lookup(self, name: str) -> PlaceEntry | None:
        return self.entries.get(name)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    ref = load_reference()
    entries: dict[str, PlaceEntry] = {}

    def put(name: str, entry: PlaceEntry, override: bool = False) -> None:
        if len(name) < 2:
            return
        if override or name not in entries:
            entries[name] = entry

    for c in ref.cities:
        entry = PlaceEntry(c.name_zh, c.province or c.country, c.kind, c.country)
        put(c.full_zh, entry)
        put(c.name_zh, entry)
    for p in ref.provinces.values():
        entry = PlaceEntry(p.short_zh, p.code, "province", "CN")
        put(p.name_zh, entry, override=True)
        put(p.short_zh, entry, override=True)
    for c in ref.countries.values():
        country = c.code if c.is_iso_country else ""
        entry = PlaceEntry(c.name_zh, c.code, c.kind, country)
        put(c.name_zh, entry, override=True)
        for alias in c.aliases_zh:
            put(alias, entry, override=True)
    return Gazetteer(entries)


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    """One-character province abbreviations (湘 -> CN-HN), used only in fixed phrases (来湘, 访鲁)."""
    return {p.abbr_zh: p.code for p in load_reference().provinces.values() if len(p.abbr_zh) == 1}


def place_name(code: str) -> str:
    """The Chinese name of a country, region or province code (DE -> 德国, CN-HN -> 湖南)."""
    ref = load_reference()
    if code in ref.countries:
        return ref.countries[code].name_zh
    if code in ref.provinces:
        return ref.provinces[code].short_zh
    return code


def grouping_members(code: str) -> tuple[str, ...]:
    return load_reference().groupings.get(code, ())


# one-character names of cities and provinces used after 在/来/访 (在京会见, 来沪访问)
PLACE_ABBREVIATIONS = {"京": "北京", "沪": "上海", "津": "天津", "渝": "重庆", "穗": "广州", "蓉": "成都",
                       "榕": "福州", "邕": "南宁", "筑": "贵阳", "昆": "昆明", "杭": "杭州", "宁": "南京",
                       "汉": "武汉", "湘": "湖南", "鲁": "山东", "粤": "广东", "琼": "海南", "闽": "福建",
                       "浙": "浙江", "苏": "江苏", "皖": "安徽", "赣": "江西", "鄂": "湖北", "豫": "河南",
                       "冀": "河北", "晋": "山西", "陕": "陕西", "甘": "甘肃", "黔": "贵州", "滇": "云南",
                       "桂": "广西", "藏": "西藏", "新": "新疆", "蒙": "内蒙古", "辽": "辽宁", "吉": "吉林",
                       "黑": "黑龙江", "青": "青海", "宁夏": "宁夏", "港": "香港", "澳": "澳门"}

# one-character abbreviations of countries in pairs like 中俄, 中乍, 中美 (非 is Africa: no country)
COUNTRY_ABBREVIATIONS = {
    "中": "CN", "俄": "RU", "美": "US", "英": "GB", "法": "FR", "德": "DE", "日": "JP", "韩": "KR",
    "朝": "KP", "越": "VN", "老": "LA", "柬": "KH", "泰": "TH", "缅": "MM", "印": "IN", "巴": "PK",
    "蒙": "MN", "哈": "KZ", "乌": "UZ", "吉": "KG", "塔": "TJ", "土": "TR", "伊": "IR", "沙": "SA",
    "埃": "EG", "南": "ZA", "澳": "AU", "新": "SG", "加": "CA", "意": "IT", "西": "ES", "葡": "PT",
    "荷": "NL", "比": "BE", "瑞": "CH", "奥": "AT", "波": "PL", "捷": "CZ", "匈": "HU", "希": "GR",
    "乍": "TD", "肯": "KE", "坦": "TZ", "赞": "ZM", "尼": "NG", "墨": "MX", "阿": "AR", "智": "CL",
    "秘": "PE", "古": "CU", "菲": "PH", "马": "MY", "文": "BN",
}


# verbs that do occur inside the names of events and organizations (对接交流会, 世界计算大会)
_NAME_VERBS = set("""对接 交流 合作 签约 签署 洽谈 投资 发展 创新 开放 推介 招商 建设 服务 博览 展览 交易
计算 创意 保护 促进 改革 研究 设计 制造 旅游 运输 传播 教育 培训 管理 推广 发布 协调 联合 联络 贸易
经营 开发 咨询 监督 规划 融合 对话 互鉴 共建 论坛 展示 采购 进口 出口 友好 和平 创业 孵化 检验 检疫
认证 工程 信息 通信 航空 航天 科学 技术 文化 体育 卫生 健康 安全 生态 环境 能源 交通 水利 农业""".split())
_STOP_TAGS_ONE = {"p", "c", "d", "r", "u", "ul", "uj", "uz", "ud", "ug", "uv", "y", "e", "o"}
_STOP_TAGS_TWO = {"v", "d", "p", "c", "r", "ad", "vd"}


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """From jieba's dictionary: (2-3 character words that are not person names,
    1-character function words, 2-character verbs and adverbs that end a name read leftwards)."""
    import os

    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    common, stop_one, stop_two = set(), set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) != 3 or not parts[1].isdigit():
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2].strip()
            if 2 <= len(word) <= 3 and not tag.startswith("nr") and freq >= 3:
                common.add(word)
            if len(word) == 1 and tag in _STOP_TAGS_ONE and freq >= 1000:
                stop_one.add(word)
            elif len(word) == 2 and tag in _STOP_TAGS_TWO and freq >= 1500 and word not in _NAME_VERBS:
                stop_two.add(word)
    stop_one -= {"与", "届", "第", "暨", "之", "中", "新", "大", "老", "总", "副", "全", "各"}
    return frozenset(common), frozenset(stop_one), frozenset(stop_two)


def common_words() -> frozenset[str]:
    """Words that are not person names (保护, 同志): a title followed by one (领事保护) is no person."""
    return _dictionary()[0]


def ends_with_function_word(text: str, j: int) -> bool:
    """Does text[:j] end with a function word or common verb (就, 还, 发挥, 贯彻), so that a name
    read leftwards from after j must start at j?"""
    common, one, two = _dictionary()
    if j >= 1 and text[j - 1] in one and text[j - 1:j + 1] not in common and text[j - 1:j + 1] not in _NAME_VERBS:
        return True
    return j >= 2 and text[j - 2:j] in two
