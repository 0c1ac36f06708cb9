"""Printed numbers that are never figures (docs/design.md): dates and years, phone and masked numbers,
identifiers (索引号, 标识码, 编码, ICP/公网安备), cited document numbers (红财绩发〔2023〕7号), counters
(浏览次数, 已下载12次), the budget an actual is measured against (完成全年预算28万元的73.2%), structure
numbers (公开14表, 第二部分, 附件2-1, enumerators 1. / (2)), rounded numbers (3040余人), numbers inside names
(12345热线, 5G), a template's masked year (`20xx年`), a scoring rule's threshold (`0,每超过一个百分点扣0.8分`),
a rate per head (`每人每月发放50元`, `300元/人/月`), the factors of a computation (`64797×12个月=777,564元`) and the
terms of a sum (`12+3=15`).
`masked_positions` marks their characters so the number scanner can skip them.
"""

from __future__ import annotations

import re

from pipelines.lexicon import guarded

_PATTERNS = [
    r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?",
    r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号]",
    r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?",
    # a date whose digits run together (`20201225日`, `202212月末`)
    r"(?<![\d.,])(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*[日号]",
    r"(?<![\d.])(?<!\d,)(?:19|20)\d\d(?:0[1-9]|1[0-2])\s*月",
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?",
    # also `2010决算支出`, `编制2017-预算`, `预算安排2017三公经费…`
    r"(?<![\d.])(?:19|20)\d{2}\s*(?:年|-(?:19|20)\d{2}|-?\s*(?=决算|预算|度|[“\"]?三公))",
    r"(?<![\d.])(?:19|20)\d?[xX×*○〇]{1,2}\s*年",  # a template's masked year (`20xx年`, `201X年`)
    r"(?<![\d.])\d{3,4}-\d{7,8}(?:-\d{1,4})?",
    r"(?<![\d.])(?:400|800)-?\d{3}-?\d{4}",
    r"(?<![\d.])1[3-9]\d[\d*]{4}\d{4}(?!\d)",
    r"\d*\*{2,}\d*",
    r"[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*第?\s*\d+\s*号",
    r"第\s*\d+\s*号",
    r"(?:索引号|标识码|识别码|编码|代码|备案号?|ICP备?|公网安备|邮编|邮政编码|信用代码|电话|传真|手机|联系方式|"
    r"浏览次数|浏览量|点击数|点击量|点击率|阅读次数|阅读量|访问量|下载次数|文号|编号|序号|行次|栏次|账号|批次号)"
    # (its value on the same line, never the next line's words: `浏览次数:` ⏎ `项目…1050万元`)
    r"[ \t]*[:：]?[ \t]*[0-9A-Za-z_\-/*]*\d[0-9A-Za-z_\-/*]*",
    r"已下载\s*\d+\s*次",
    # the budget an actual amount is measured against: `完成全年预算28.00万元的73.2%`, `完成预算18万元`
    r"(?<=完成)(?:全年|年初|调整后)?预算(?:数)?\s*[\d,.]+\s*[万亿]?元?",
    r"第\s*\d+\s*(?:部分|章|节|条|款|页|项|批|季度)",
    r"(?:附表|附件|公开|表)\s*\d+(?:\s*-\s*\d+)*(?:\s*表)?",
    r"(?:^|(?<=[\s。；;:：,，)）]))\d{1,2}\s*[.、．](?!\d)",  # also after a closing bracket: `…万元)2、项目支出`
    r"[(（]\s*\d{1,2}\s*[)）]",
    r"\d+(?=\s*(?:热线|号线|号楼|G(?![A-Za-z])))",
    r"(?<![A-Za-z])(?:DN|De|D|C|Φ)\d+",  # a pipe's bore or a concrete's grade (`DN300-DN500`, `C30`): no amount
    # a rounded number (`教职工3040余人`, `100多万元`): no figure a researcher could check
    r"(?<![\d.,])\d[\d,]*(?:\.\d+)?\s*[余多](?=\s*(?:[万亿千]?元|人|名|个|次|辆|批|户|项|家|所))",
    r"-\s*\d{1,3}\s*-(?!\d)",
    # a contents list's page number after a numbered heading (`(三)预算执行 11`)
    r"^[ \t]*(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
    r"[^\n\d。，,;；:：]{2,30}?[ \t]+\d{1,3}[ \t]*$",
    r"(?<![\d.,])\d{9,}(?![\d.]|\s*[万亿]?\s*元)",
    # the terms of a sum (`89+82`, an OCR's 89.82, or `12+3=15`): the result after `=` is the amount, no term is
    r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?:\s*[+＋]\s*\d[\d,]*(?:\.\d+)?)+",
    # a factor of a computation (`64797元×12个月= 777,564元`): the product after `=` is the amount
    r"(?<![\d.,])\d[\d,]*(?:\.\d+)?\s*(?:[万亿]?元)?\s*[)）]?\s*[×xX*＊]\s*(?=\d)",
    # a rate per head or per unit, no amount of money spent (`每人每月发放50元`, `标准为每户400元`, `300元/人/月`)
    r"每(?:人|户|生|名|亩|位|学生|平方米)每?(?:年|月|天|季度|学期)?(?:发放|补助|补贴|奖励|资助|给予|按|为)?\s*\d[\d,.]*"
    r"(?=\s*万?元)",
    r"(?<![\d.,])\d[\d,]*(?:\.\d+)?\s*万?元\s*/\s*(?:人|户|生|亩)",
    # a scoring rule's threshold: `“三公经费”0,每超过一个百分点扣0.8分`, `低于95%的每低1个百分点扣1分`
    r"(?<![\d.])\d+(?:\.\d+)?\s*%?(?=\s*[,，]?\s*每(?:超过|低于|高于|增加|减少|超|低|高))",
]
# Guarded: most characters (Han text) can start no distractor, and the engine skips them without trying every
# pattern there.
_MASK = re.compile(guarded("|".join(f"(?:{pattern})" for pattern in _PATTERNS)), re.M)


def masked_positions(text: str) -> bytearray:
    """A byte per character of `text`: 1 where the character belongs to a distractor."""
    mask = bytearray(len(text))
    for match in _MASK.finditer(text):
        mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return mask
