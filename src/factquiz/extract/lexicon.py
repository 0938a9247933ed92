"""Small word lists that stand in for a segmenter.

A dictionary segmenter (jieba) takes over a second to load; these lists
cover what extraction needs: where a name starts (after a verb or a
function word), which endings make a place or organisation, which words are
posts, and which characters begin a Chinese name.
"""

from __future__ import annotations

import re

# Endings of place and organisation names, longest first when matched. The
# ending is the name's category: distractors for a 幼儿园 are other 幼儿园.
NAME_SUFFIXES = (
    "幼儿园 小学 中学 大学 学校 学院 医院 卫生院 卫生服务中心 服务中心 驿站 基地 中心 "
    "纪念馆 博物馆 图书馆 文化馆 体育馆 展示馆 记忆馆 美术馆 科技馆 展览馆 馆 "
    "隧道 大桥 广场 公园 景区 街区 街道 社区 小区 村 镇 乡 "
    "集团 公司 银行 工作室 合作社 研究院 研究所 派出所 供电所 "
    "游线 快速路 高速公路 大道 路 街 "
    "水库 码头 机场 火车站 高铁站 港 "
    "委员会 管委会 办公室 局 "
).split()

# Words after which a name may start: verbs and function words that end the phrase before it.
BEFORE_NAME = (
    "位于 走进 来到 前往 参观 建设 建成 打造 建立 创建 成立 成为 完成 开展 组织 推进 举办 参加 启用 依托 "
    "通过 加强 深化 提升 推动 助力 实施 交付 荣登 获评 被评为 入选 评为 新建 改造 开通 落户 入驻 "
    "包括 涉及 联合 配合 携手 会同 邀请 拍摄 看望 慰问 带领 陪同 会见 调研 视察 考察 主办 承办 "
    "近日 日前 去年 今年 前年 明年 当年 目前 下属 所属 旗下 隶属 系统 构建 适应 "
    "作为 其中 以及 还有 以 及 和 与 同 在 于 的 了 对 向 从 把 将 被 为 等 让 使 至 到 由 经 "
    "给 跟 并 或 即 但 而 又 也 都 还 就 才 其 该 此 这 那 各 每 赴 往 有 "
    "全县 全市 全省 全区 全镇 全国 全面 全力 全员 全体 全年 改扩建 新建 实现 力争 保持 各类 各级 "
).split()

# Posts (职务). A post may have a body in front (党委, 居委会) and 副 / 常务副 before it.
POSTS = (
    "董事长 副董事长 总经理 副总经理 经理 书记 副书记 主任 副主任 局长 副局长 处长 科长 部长 "
    "主席 副主席 院长 副院长 校长 副校长 所长 站长 镇长 乡长 县长 市长 区长 省长 会长 秘书长 "
    "队长 组长 厂长 行长 社长 馆长 园长 台长 总编辑 主编 理事长 总工程师 总监 委员 常委 "
    "负责人 董事 监事 网格长 楼长 村长 主任委员 督导 指导员 总经济师 总会计师 政委 支队长 大队长 "
    "中队长 所长 检察长 庭长 审判长 专员 首席执行官"
).split()
POST_BODIES = (
    "党委 党组 党总支 党支部 党工委 纪委 监委 居委会 村委会 村委 工会 团委 妇联 董事会 监事会 "
    "理事会 管委会 办公室 常务 区委 市委 县委 省委 镇党委 政法委 宣传部 组织部 统战部 人大 政协 常委会 "
    "人大常委会 总工会 团区委 团市委"
).split()

# Common surnames (百家姓, the frequent ones): a person's name starts with one.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆"
    "朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧"
    "闭由"
)
# What may follow a person's name: a verb of saying, a title, or punctuation.
AFTER_NAME = (
    "说 表示 介绍 指出 强调 认为 告诉 称 坦言 透露 谈到 提到 这样 这么 同志 先生 女士 烈士 一行 等人 带领 "
    "主持 出席 参加 在 对 也 还 就 和 与 是 的 为 向 到 来 ， 。 、 ； ： “ （ ”"
).split()


def by_first_character(words: list[str]) -> str:
    """An alternation of ``words`` grouped by first character, each group in the given order.

    It matches exactly what "|".join(words) matches (two words with different first
    characters never match at one position), but re tries one group per position instead
    of every word: the unit alternation is most of the quantity pattern's work.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(
        re.escape(first) + ("" if rests == [""] else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    )
