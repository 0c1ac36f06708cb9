"""One disclosure page (HTML in any charset, or saved plain text) parsed into a `Page`.

The HTML is parsed once and scanned once for the class/id markers of the CMS families (VSB, TRS, Hanweb,
Epoint), falling back to the largest block of text. Everything rendered above the body is where the metadata
block lives; links in and after the body (outside the footer) are candidate attachments. Page chrome (navigation,
breadcrumb, footer, ICP numbers, 网站标识码, scripts) never enters `body.text`.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sys
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from pipelines.body import Body
from pipelines.grid import CELL_SEP, Grid, PrintedCell, describe, grid_from_printed
from pipelines.metadata import CORE_FIELDS, contains_label, dateline, label_start, parse_block, starts_with_label
from pipelines.regions import name_region, region_for
from pipelines.text import DATE, decode_bytes, is_traditional, normalise, parse_date, simplified_reading, to_simplified
from pipelines.text_tables import find_text_tables
from pipelines.title import (
    BRACKETED_PROJECT,
    ESSAY_COPY_NUMBER,
    FUND_REPORT,
    department_from_title,
    is_notice,
    names_only_its_year,
    news_headline,
    normalise_title,
    printed_title,
    region_from_title,
    title_facts,
    without_own_level,
)


@dataclass
class Page:
    url: str | None
    encoding: str | None
    title: str  # the article title as printed (whitespace collapsed)
    meta: dict[str, str]  # government-site <meta> tags (SiteName, SiteIDCode, ColumnName, PubDate …)
    column: str | None  # ColumnName, or the last breadcrumb item before 正文
    fields: dict[str, str | None]  # the metadata block, see pipelines.metadata.parse_block
    block_text: str
    body: Body
    attachments: list[dict[str, str | None]] = field(default_factory=list)  # {"url", "name"}
    is_html: bool = True
    defects: list[str] = field(default_factory=list)  # why the page looks broken, for crawl_errors


_MAX_TREE_DEPTH = 2048  # libxml2's nesting limit with huge_tree
_HTML_SNIFF = re.compile(r"<(?:!doctype|html|head|body|meta|div|p|table|title|span|a)\b", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:2048]))


def parse_document(data: bytes | str, url: str | None = None, http_charset: str | None = None) -> Page:
    """Decode bytes when needed, then parse as HTML or as saved plain text."""
    encoding = None
    if isinstance(data, bytes):
        data, encoding = decode_bytes(data, http_charset)
    page = parse_html(data, url) if looks_like_html(data) else parse_plaintext(data, url)
    page.encoding = encoding
    page.defects = [*page.defects, *defects(data, page)]
    return page


def defects(text: str, page: Page) -> list[str]:
    """What makes a page look broken: cut off before `</html>`, or bytes that no charset could decode.

    Such a page is still stored with whatever could be read; the defects go to `crawl_errors`."""
    found = []
    if page.is_html and "</html" not in text[-4000:].lower():
        found.append("truncated: the page ends before </html>")
    replaced = text.count("\ufffd")
    if replaced:
        found.append(f"{replaced} undecodable byte sequences replaced")
    return found


def parse_html(html: str, url: str | None = None) -> Page:
    # huge_tree: libxml2 otherwise stops at 256 levels of nesting, which pages pasted from Word (an unclosed
    # <font> per paragraph) reach, and silently drops the rest of the page. Past its 2048 levels a defect says so.
    parser = etree.HTMLParser(huge_tree=True)
    try:
        root = etree.fromstring(_XML_DECL.sub("", html, count=1), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return parse_plaintext(html, url)
    cut = [
        f"truncated: {error.message} (line {error.line}, column {error.column}); the text after it is lost"
        for error in parser.error_log
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT
    ]
    with _deep_recursion():
        return _read_tree(root, url, cut[:1])


@contextlib.contextmanager
def _deep_recursion():
    """The tree walks recurse a few frames per level of nesting, and huge_tree admits 2048 levels: more than
    Python's default limit of 1000 frames (since 3.11, Python frames no longer use the C stack)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _MAX_TREE_DEPTH * 4 + 1000))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _read_tree(root, url: str | None, defects: list[str]) -> Page:
    markers = _Markers(root)
    meta = _meta_tags(root)
    body_node, body_range = markers.body()
    pre_lines = _lines_before(root, body_range[0] if body_range else body_node)
    title = _title(root, meta, markers.titles)
    heading = normalise(title).strip()
    body = _render_body(body_node, body_range)
    block_text = "\n".join(line for line in pre_lines if line != heading)
    traditional = is_traditional(body.text + title + block_text)
    if traditional:  # a mirror's copy: title and metadata read as simplified
        title, block_text = simplified_reading(title), simplified_reading(block_text)
        meta = {name: simplified_reading(value) for name, value in meta.items()}
    block = parse_block(block_text, meta)
    if not block.fields.get("published_basis"):  # `2020-09-27 15:24:15 点击:[]` under the heading, unlabelled
        block.fields.update(_published_in_head(_lines_after(pre_lines, heading), {}))
    if not meta.get("SiteIDCode"):  # the footer's 网站标识码, which every government site prints
        site_id = _SITE_ID.search(_text_of(root))
        meta = {**meta, "SiteIDCode": site_id.group(1)} if site_id else meta
    greeting = next((line for line in [*pre_lines, *body.text.split("\n", 8)[:8]] if _GREETING.match(line)), None)
    if greeting and not meta.get("SiteName"):  # `欢迎来到某县政协网站`: the site's name, as on a saved text page
        meta = {**meta, "SiteName": greeting.strip()}
    if not _REPORT_WORDS.search(title):
        opening = simplified_reading(body.text[:_TITLE_READ]) if traditional else body.text
        in_body = _title_in_body(opening)
        title = in_body or block.fields.get("name") or _title_continued_in_body(title, opening) or title
    title += _bracketed_subtitle(title, body.text)
    if _names_only_a_unit(title):  # `<title>某县人民政府</title>` over a title-less text: the site's name, no title
        meta = {**meta, "SiteName": meta.get("SiteName") or title}
        title = ""
    block.fields.update(_fields_in_body_head(body.text, block.fields, traditional=traditional))
    if not block.fields.get("index_no"):
        block.fields["index_no"] = _index_number_alone(body.text)
    if not block.fields.get("doc_no"):
        block.fields["doc_no"] = _doc_number_alone(body.text)
    return Page(
        url=url,
        encoding=None,
        title=title,
        meta=meta,
        column=meta.get("ColumnName") or _breadcrumb_column(pre_lines),
        fields=block.fields,
        block_text=block.text,
        body=body,
        attachments=_attachments(root, _attachment_anchor(body_node, body_range), _base_url(root, url), defects),
        is_html=True,
        defects=defects,
    )


def find_attachments(root, url: str | None = None) -> list[dict[str, str | None]]:
    """Attachment links of an already parsed page (an lxml root, e.g. a parsel `Selector.root`)."""
    anchor = _attachment_anchor(*_Markers(root).body())
    return _attachments(root, anchor, _base_url(root, url))


# -- where things are --------------------------------------------------------------------------------------

# Body containers by class token or id, most specific first. Hanweb bounds its body by comment markers instead.
_BODY_CLASSES = ("v_news_content", "TRS_Editor", "ewb-article-detail")
_BODY_ORDER = (
    ("class", "v_news_content"),
    ("id", "vsb_content"),
    ("hanweb", ""),
    ("class", "TRS_Editor"),
    ("id", "zoom"),
    ("class", "ewb-article-detail"),
)
_BODY_IDS = ("vsb_content", "zoom")
_HANWEB_BEGIN, _HANWEB_END = "ZJEG_RSS.content.begin", "ZJEG_RSS.content.end"
_CONTAINER_TAGS = frozenset({"div", "td", "article", "section", "form", "body", "main"})
_NOT_TEXT_TAGS = frozenset({"script", "style", "head", "title", "noscript"})


class _Markers:
    """One pass over the tree: body-container candidates and title candidates (h1, `*title*` class or id)."""

    def __init__(self, root):
        self.root = root
        self.hits: dict[tuple[str, str], list] = {}
        self.titles: list = []
        for element in root.iter(etree.Element):
            classes = element.get("class")
            ident = element.get("id")
            if classes:
                for token in classes.split():
                    if token in _BODY_CLASSES:
                        self.hits.setdefault(("class", token), []).append(element)
            if ident in _BODY_IDS:
                self.hits.setdefault(("id", ident), []).append(element)
            if element.tag == "h1" or "title" in (classes or "").lower() or "title" in (ident or "").lower():
                self.titles.append(element)

    def body(self):
        """The body element, or a (begin marker, end marker or None) comment range for Hanweb pages.

        The first candidate with text wins; a matched but empty container (an article that only links its
        attachments) still beats the largest-text-block guess, which could pick the footer.
        """
        empty = None
        for kind, name in _BODY_ORDER:
            for node, marked in self._candidates(kind, name):
                if marked or _text_of(node).strip():
                    return node, marked
                empty = empty or (node, marked)
        return empty or (_largest_text_block(self.root), None)

    def _candidates(self, kind: str, name: str):
        if kind != "hanweb":
            yield from ((element, None) for element in self.hits.get((kind, name), ()))
            return
        for begin in self.root.iter(etree.Comment):
            if _HANWEB_BEGIN in (begin.text or ""):
                end = next(
                    (node for node in begin.itersiblings(etree.Comment) if _HANWEB_END in (node.text or "")), None
                )
                yield None, (begin, end)
                return


def _largest_text_block(root):
    """The container element holding the most directly owned text (paragraph text counts for its container,
    the short cells of a data table for the container around the table)."""
    scores: dict[etree._Element, int] = {}
    for element in root.iter(etree.Element):
        if element.tag in _NOT_TEXT_TAGS:
            continue
        owned = len((element.text or "").strip()) + sum(len((child.tail or "").strip()) for child in element)
        container = element
        while owned and container is not None and container.tag not in _CONTAINER_TAGS:
            container = container.getparent()
        if owned and container is element and element.tag in ("td", "th") and owned < _DATA_CELL_CHARS:
            container = _around_table(container)
        if owned and container is not None:
            scores[container] = scores.get(container, 0) + owned
    if not scores:
        return root
    best = max(scores, key=scores.__getitem__)
    if best.tag in ("td", "th") and (_is_grid_table(best) or _has_label_cell(best) or _under_heading_row(best)):
        # one long cell of a form (a goal's text, `(三)部门整体收支情况` │ its prose, a one-column report's section
        # under its heading row) is no article: the article is what holds the whole table
        around = _around_table(best)
        return around if around is not None else best
    return best


_GRID_ROWS = 3  # rows of three or more cells: a data table or form, not a page's layout


def _is_grid_table(cell) -> bool:
    """The cell belongs to a table of data (at least three rows of three or more cells), not to a layout table."""
    table = next(cell.iterancestors("table"), None)
    if table is None:
        return False
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    return sum(len([c for c in row if c.tag in ("td", "th")]) >= 3 for row in rows) >= _GRID_ROWS


_DATA_CELL_CHARS = 50


def _has_label_cell(cell) -> bool:
    """A cell of its row names what the cell holds: short text of its own, no link (a layout table's other cells
    hold a site's navigation, whose text is in links)."""
    row = cell.getparent()
    if row is None or row.tag != "tr":
        return False
    return any(
        other is not cell
        and other.tag in ("td", "th")
        and 2 <= len(_text_of(other).strip()) < _DATA_CELL_CHARS
        and next(other.iter("a"), None) is None
        for other in row
    )


_HEADING_CELL = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}\s*、|[(（][一二三四五六七八九十]{1,3}[)）])")


def _under_heading_row(cell) -> bool:
    """The cell's table prints a report one cell per row, its sections headed by rows of their own (`一、部门概况`,
    `(一)主要职能`): the long cell is one section of it."""
    table = next(cell.iterancestors("table"), None)
    if table is None:
        return False
    cells = [c for row in table.iter("tr") for c in row if c.tag in ("td", "th")]
    headings = [
        c
        for c in cells
        if c is not cell and len(_text_of(c).strip()) < _DATA_CELL_CHARS and _HEADING_CELL.match(_text_of(c))
    ]
    return len(headings) >= 2 and next(table.iter("a"), None) is None


def _around_table(cell):
    """The container element that holds the table a cell belongs to."""
    node = cell.getparent()
    while node is not None and (
        node.tag in ("tr", "tbody", "thead", "tfoot", "table") or node.tag not in _CONTAINER_TAGS
    ):
        node = node.getparent()
    return node


# Government-site <meta> names, keyed by lower case so `SiteIdCode` and `SiteIDCode` read the same.
_KNOWN_META = {
    name.lower(): name
    for name in (
        "SiteName",
        "SiteDomain",
        "SiteIDCode",
        "ColumnName",
        "ColumnType",
        "ColumnDescription",
        "ColumnKeywords",
        "ArticleTitle",
        "PubDate",
        "ContentSource",
        "ContentId",
        "Keywords",
        "Description",
        "Author",
        "Url",
    )
}


def _meta_tags(root) -> dict[str, str]:
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        name, content = element.get("name"), element.get("content")
        if name and content is not None:
            meta.setdefault(_KNOWN_META.get(name.strip().lower(), name.strip()), printed_text(content))
    return meta


def _base_url(root, url: str | None) -> str | None:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(url, href) if url else href
    return url


_SITE_SUFFIX = re.compile(r"\s*[-_|–—]+\s*[^-_|–—\d][^-_|–—]*?(?:政府|门户|网站|网|平台|局|委员会)\s*$")


def _title(root, meta: dict[str, str], candidates: list) -> str:
    """The article title: ArticleTitle meta, else a heading (preferring one the <title> repeats, so a logo
    heading loses; never a breadcrumb), else the <title> without its site-name suffix."""
    if meta.get("ArticleTitle"):
        return meta["ArticleTitle"]
    head = root.find(".//title")
    head_title = printed_text(_text_of(head)) if head is not None else ""
    site = meta.get("SiteName", "")
    texts = [printed_text(_text_of(element)).strip(" |") for element in candidates if element.tag != "title"]
    texts = [text for text in texts if len(text) >= 6 and text != site and not _is_breadcrumb(text)]
    return next((text for text in texts if text in head_title), None) or (
        texts[0] if texts else _SITE_SUFFIX.sub("", head_title) or head_title
    )


_BRACKETS = re.compile(r"[【】]")


# `  • 2026-02-14`, `2017-09-18 00:00:00` under the heading
# also with the publishing unit glued after it, labels lost (`2024年02月01日 17:33某区文化和旅游局`)
_DATE_ALONE = re.compile(
    # a byline before it: the publishing unit and a bar or spaces (`某自治区文化和旅游厅 | 2022-12-30`,
    # `某福利院  2022-08-24 09:36:16`), an author and editor (`作者:张三 编辑:li 2019-12-11 11:11:33`)
    r"(?:[\u4e00-\u9fff()（）]{2,30}[局委办院府站所队馆部厅处室社校心会](?:\s*[|｜丨]\s*|\s+)"
    r"|(?:(?:作者|编辑|责任编辑|责编)\s*[:：]\s*[^\s:：|]{1,20}\s+)+)?"
    rf"[•·\-\s]*[\[【]?\s*(?P<date>{DATE.pattern}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})"  # also year last: `18.07.2014`
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[\]】]?"
    r"(?:\s*[\u4e00-\u9fff()（）]{1,30}[局委办院府站所队馆部厅处室社校心会])?"
    # and a hit counter after it (`2020-09-27 15:24:15   点击:[]`, `[ 2014-07-16 ] 阅读:2957`)
    r"(?:\s*(?:点击|浏览|阅读|访问)(?:次数|数|量)?\s*[:：]\s*[\[【(（]?\s*\d*\s*[\]】)）]?\s*次?)?\s*"
)


# An index number printed alone on a line of the page's head, its label lost (`11330782002609303G/2021-369065`):
# the issuer's code, the year and a serial.
_INDEX_NUMBER_ALONE = re.compile(r"[ \t•·]*(?P<number>[0-9A-Z]{8,20}/(?:19|20)\d{2}-\d{3,})[ \t]*")


def _index_number_alone(text: str) -> str | None:
    alone = _alone_in_head(_INDEX_NUMBER_ALONE, text.split("\n", 12)[:12])
    return alone.group("number") if alone else None


# A document number printed alone on a line of the page's head, its label lost (`雷财预函[2018]35号`): the
# issuer's abbreviation, the year in brackets and a serial.
_DOC_NUMBER_ALONE = re.compile(
    r"[ \t]*(?P<number>[\u4e00-\u9fff]{1,10}[\[〔【(（](?:19|20)\d{2}[\]〕】)）]\s*\d{1,4}\s*号)[ \t]*"
)


def _doc_number_alone(text: str) -> str | None:
    alone = _alone_in_head(_DOC_NUMBER_ALONE, text.split("\n", 12)[:12])
    return alone.group("number") if alone else None


def _alone_in_head(pattern: re.Pattern[str], lines: list[str]) -> re.Match[str] | None:
    """The first line of the page's head (before its text starts) that `pattern` matches whole."""
    return next(filter(None, map(pattern.fullmatch, itertools.takewhile(_not_text, lines))), None)


def _not_text(line: str) -> bool:
    """A line of the page's head, before the text starts (a signature's date after the text is no publication)."""
    return "。" not in line and len(line) <= _METADATA_LINE_CHARS


_MAKER_AFTER = re.compile(r"\s*\n[^\n]{2,30}[(（]\s*制\s*[)）]\s*(?:\n|$)")


_HEAD_FIELDS = ("index_no", "publisher", "source", "doc_no", "validity", "supervision_no")
_HEAD_REACH = 24  # lines of the body's head that may hold metadata (a site banner may come before the heading)


def _fields_in_body_head(body_text: str, block: dict, *, traditional: bool = False) -> dict:
    """Metadata the block above the body lacks, printed in the body's head: some templates print `发布日期：…`
    or `来源：…` under the heading inside the article, and a page whose article has no container of its own has
    its whole metadata block there (`• 索引号` ⏎ `• 7951…`, `[ 发布机构 ] 市水利局`). The head is the first eight
    lines, and more while the text has not started; a traditional-script copy's labels are read as simplified."""
    reach = body_text.split("\n", _HEAD_REACH)[:_HEAD_REACH]
    lines = reach[:8]
    if all(map(_not_text, lines)):  # no sentence yet: a banner may have pushed the block down
        lines += itertools.takewhile(_not_text, reach[8:])
    if traditional:
        lines = [simplified_reading(line) for line in lines]
    head = [
        part.strip()
        for i, line in enumerate(lines)
        for part in _BRACKETS.split(line)
        if starts_with_label(part.strip()) or (i and _bare_label(lines[i - 1]))
    ]  # also `【字体：】 【发布时间：2022-04-15 14:54】 【作者：…】`, and a bare label's value line
    fields = parse_block("\n".join(head)).fields if head else {}
    found = {key: fields[key] for key in _HEAD_FIELDS if fields.get(key) and not block.get(key)}
    if block.get("published_basis") in (None, "written"):
        found.update(_published_in_head(lines, fields))
    return found


def _lines_after(lines: list[str], heading: str) -> list[str]:
    """The lines after the heading (none when the heading is not among them): a date alone there is the page's,
    while one above it may be the site banner's today."""
    return lines[lines.index(heading) + 1 :] if heading in lines else []


def _published_in_head(lines: list[str], fields: dict) -> dict:
    """A `发布日期：…` line among the head's lines, else a date alone on one of them."""
    if not fields.get("published"):
        alone = _alone_in_head(_DATE_ALONE, lines)
        head = "\n".join(lines)
        if alone and _MAKER_AFTER.match(head, head.find(alone.group()) + len(alone.group())):
            alone = None  # a cover's date above its maker (`2021年 11月15日` ⏎ `某县财政局(制)`): when it was filled in
        iso = parse_date(alone.group("date"))[0] if alone else None
        fields = {"published": iso, "published_time": None, "published_basis": "printed"} if iso else {}
    return {key: fields[key] for key in ("published", "published_time", "published_basis") if fields.get("published")}


def _is_breadcrumb(text: str) -> bool:
    """`当前位置：首页 > 信息公开 > …`, `您现在的位置: …`, a bare `首页 > …` trail, or any `a > b > c > d`; also a
    site's menu copied with the page (`首页 政务资讯 政务公开 部门乡镇 …`), whose items may name a report's words."""
    separators = len(_CRUMB_SPLIT.findall(text))
    home = 1 if text.lstrip().startswith("首页") else 2 if "首页" in text else 3  # separators a trail needs
    return bool(_CRUMB.search(text) or _SITE_MENU.match(text)) or separators >= home


_TITLE_READ = 6000  # characters of a traditional copy's body read (as simplified) for its title


def _names_only_a_unit(title: str) -> bool:
    """A title that is one unit's name and nothing else (`某市审计厅`): a site's name in its <title> or banner,
    which says whose site it is, not what the page reports."""
    name = normalise_title(title)
    return bool(name) and not _REPORT_WORDS.search(name) and department_from_title(name) == name


_SUBTITLE = re.compile(rf"\s*({BRACKETED_PROJECT})\s*(?:\n|$)")


def _bracketed_subtitle(title: str, body_text: str) -> str:
    """A report's second title line, its project in brackets, printed as the body's first line under a heading that
    names only the unit (`某站2019年度绩效自评报告` over `(林业技术试验示范推广项目)`): part of the title."""
    if not title or "(" in title or "（" in title or not _REPORT_WORDS.search(title):
        return ""
    line = _SUBTITLE.match(body_text)
    return line.group(1) if line else ""


_REPORT_TAIL = re.compile(r"[ \t]*([\u4e00-\u9fff]{0,10}?(?:报告|说明|自评表|评价表|公示))")  # also after a PDF's space


def _title_continued_in_body(title: str, opening: str) -> str | None:
    """A title without report words (a shared document's file name) that the body's opening repeats with them
    (`2017年X项目扶持` over `1、2017年X项目扶持绩效评价报告按照…`): the report's title is the longer one."""
    at = opening.find(title, 0, _TITLE_READ) if title else -1
    while at >= 0:
        tail = _REPORT_TAIL.match(opening, at + len(title))
        if tail and _REPORT_WORDS.search(tail.group(1)):
            return title + tail.group(1)
        at = opening.find(title, at + 1, _TITLE_READ)
    return None


def _title_in_body(body_text: str) -> str | None:
    """A report title printed in the body (a bold centred line) when the page's heading holds only the
    site's name; the line stays in the body."""
    lines = body_text.split("\n", 60)[:60]
    found = _plain_title_lines(lines, stop_at_text=False)
    return "".join(_TITLE_RESIDUE.sub("", lines[i]) for i in found) or _title_of_untitled(lines)


_CRUMB = re.compile(r"(?:当前|所在|现在)的?位置\s*[:：]?")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>|[>»›→/])\s*")
_SITE_MENU = re.compile(r"\s*首页(?:\s+[\u4e00-\u9fff]{2,8}){4,}")
_HOME_TRAIL = re.compile(r"\s*首页(?=\s*(?:>>|[>»›→]))")
_CRUMB_TAIL = {"正文", "详情", "正文内容", "内容", "文章详情", "详细内容", "信息详情"}


def _breadcrumb_column(lines: list[str]) -> str | None:
    """The last breadcrumb item before 正文 (`当前位置：首页 > … > 预算绩效管理 > 正文`, also a bare trail from 首页:
    `首页 >> 部门信息公开 >> 某县交通运输局 >> 正文`)."""
    for line in lines:
        match = _CRUMB.search(line) or _HOME_TRAIL.match(line)
        if not match:
            continue
        items = [item.strip() for item in _CRUMB_SPLIT.split(line[match.end() :]) if item.strip()]
        while items and items[-1] in _CRUMB_TAIL:
            items.pop()
        if items:
            return items[-1]
    return None


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _text_of(element) -> str:
    """All text inside an element (plain lxml.etree elements have no text_content())."""
    return "".join(element.itertext())


def printed_text(text: str) -> str:
    """Text kept as printed (full-width forms stay) with whitespace runs collapsed: titles, link names."""
    return " ".join(text.translate(_INVISIBLE).split())


# -- rendering HTML into lines and tables ------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr caption section article header footer nav aside blockquote"
    " pre center form address fieldset figure figcaption hr main details summary tbody thead tfoot".split()
)
_SKIP_TAGS = frozenset(
    "head title script style noscript template select option button input textarea iframe object embed svg"
    " canvas map audio video".split()
)
_WS = re.compile(r"[ \t\r\n\f\u2028\u2029\x85]+")
_HAN_CHARS = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# A source line break inside Chinese text (Word-exported HTML wraps anywhere) is not a space: `基本\n支出` is
# 基本支出 and `1,035.\n12万元` is 1,035.12万元. Between two Latin words or two bare numbers it stays a space.
_SEGMENT_BREAK = re.compile(
    rf"(?<=[{_HAN_CHARS}])[ \t\r\f]*\n\s*(?=[{_HAN_CHARS}\d.,%])"
    rf"|(?<=[\d.,%])[ \t\r\f]*\n\s*(?=[{_HAN_CHARS}])"
    r"|(?<=[.,])[ \t\r\f]*\n\s*(?=\d)|(?<=\d)[ \t\r\f]*\n\s*(?=[.,])"
)
_SPAN = re.compile(r"\d+")
_HAN = re.compile(f"[{_HAN_CHARS}]")
_LAYOUT_CELL_CHARS = 500  # a cell this long is a page-layout cell, not data


class _RenderStop(Exception):
    """Raised when the walk reaches the node it was told to stop at (the start of the body)."""


@dataclass
class _RawCell:
    text: str
    rowspan: int
    colspan: int


@dataclass
class _RawTable:
    rows: list[list[_RawCell]]
    caption: str


class _Renderer:
    """Turns an element tree into lines (one per block, `<br>` breaks a line) and raw tables."""

    def __init__(self, stop=None, glue_breaks: bool = True):
        self.items: list[str | _RawTable] = []
        self._parts: list[str] = []
        self._stop = stop
        self._glue_breaks = glue_breaks  # off above the body, where a break can separate `…局` from `日期：`

    def text(self, value: str | None) -> None:
        if value:
            self._parts.append(value)

    def flush(self) -> None:
        if self._parts:
            line = _collapse("".join(self._parts), self._glue_breaks)
            self._parts = []
            if line:
                self.items.append(line)

    def child(self, node) -> None:
        self.walk(node)
        self.text(node.tail)

    def walk(self, element) -> None:
        if element is self._stop:
            raise _RenderStop
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self._table(element)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self.text(element.text)
        for node in element:
            self.child(node)
        if block:
            self.flush()

    def _table(self, table) -> None:
        rows = [[cell for cell in row if cell.tag in ("td", "th")] for row in _table_rows(table)]
        rows = [row for row in rows if row]
        if not rows:
            return
        if not self._is_layout(table, rows):
            raw_rows = [[_raw_cell(cell) for cell in row] for row in rows]
            if all(len(cell.text) <= _LAYOUT_CELL_CHARS for row in raw_rows for cell in row):
                caption = table.find("caption")
                caption_text = _join_cell_lines(_cell_lines(caption)) if caption is not None else ""
                self.items.append(_RawTable(raw_rows, caption_text))
                return
        for cell in (cell for row in rows for cell in row):
            self.flush()
            self.walk(cell)
            self.flush()

    def _is_layout(self, table, rows) -> bool:
        """A table used for page layout: it nests tables, has one column, or holds the node we stop at."""
        if table.find(".//table") is not None:
            return True
        if self._stop is not None and any(ancestor is table for ancestor in self._stop.iterancestors()):
            return True
        return max(sum(_span(cell, "colspan") for cell in row) for row in rows) <= 1


def _table_rows(table) -> list:
    """The table's own rows (directly or in thead/tbody/tfoot), not those of nested tables."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def _raw_cell(cell) -> _RawCell:
    return _RawCell(_join_cell_lines(_cell_lines(cell)), _span(cell, "rowspan"), _span(cell, "colspan"))


def _cell_lines(element) -> list[str]:
    if len(element) == 0:  # most cells hold bare text
        text = _collapse(element.text or "")
        return [text] if text else []
    renderer = _Renderer()
    renderer.text(element.text)
    for node in element:
        renderer.child(node)
    renderer.flush()
    return [item for item in renderer.items if isinstance(item, str)]


def _collapse(text: str, glue_breaks: bool = True) -> str:
    """HTML whitespace: runs become one space, except line breaks inside Chinese text, which vanish."""
    if glue_breaks and "\n" in text:
        text = _SEGMENT_BREAK.sub("", text)
    return _WS.sub(" ", text).strip()


def _span(cell, attribute: str) -> int:
    value = cell.get(attribute)
    match = _SPAN.search(value) if value else None
    return min(max(int(match.group()), 1), 200) if match else 1


def _join_cell_lines(lines: list[str]) -> str:
    """One line per cell: lines split inside a word (`一级` / `指标`, `万` / `元`) are glued, others spaced."""
    text = ""
    for line in lines:
        if text and not (_HAN.match(text[-1]) and _HAN.match(line[0])):
            text += " "
        text += line
    return text


def _lines_before(root, stop) -> list[str]:
    """Page text above the body (header, breadcrumb, title and metadata block), one normalised line per block;
    table rows become `cell | cell` lines."""
    renderer = _Renderer(stop=stop, glue_breaks=False)
    body = root.find("body")
    with contextlib.suppress(_RenderStop):
        renderer.walk(body if body is not None else root)
    renderer.flush()
    lines: list[str] = []
    for item in renderer.items:
        if isinstance(item, str):
            lines.append(item)
        else:
            lines += [item.caption] if item.caption else []
            lines += [CELL_SEP.join(cell.text for cell in row) for row in item.rows]
    return [line.strip() for line in normalise("\n".join(lines)).split("\n")]


def _render_body(body_node, body_range) -> Body:
    renderer = _Renderer()
    if body_range:
        begin, end = body_range
        renderer.text(begin.tail)
        for node in begin.itersiblings():
            if node is end:
                break
            renderer.child(node)
    elif body_node is not None:
        renderer.walk(body_node)
    renderer.flush()
    return _assemble_body(renderer.items)


# -- assembling body text and tables -----------------------------------------------------------------------


def _assemble_body(items: list[str | _RawTable]) -> Body:
    """Normalise all text in one call, then lay out lines and table rows while recording offsets."""
    pieces: list[str] = []
    for item in items:
        if isinstance(item, str):
            pieces.append(item)
        else:
            pieces.append(item.caption)
            pieces += [cell.text for row in item.rows for cell in row]
    normalised = iter(normalise("\n".join(pieces)).split("\n"))
    lines: list[str] = []
    tables: list[Grid] = []
    offset = 0
    for item in items:
        if isinstance(item, str):
            line = next(normalised).strip()
            if line:
                lines.append(line)
                offset += len(line) + 1
            continue
        caption = next(normalised).strip()
        texts = [[next(normalised).strip() for _ in row] for row in item.rows]
        before = lines[-2:]
        if caption:
            lines.append(caption)
            offset += len(caption) + 1
        table, row_lines = _layout_table(item, texts, offset, f"table{len(tables) + 1}")
        describe(table, before, caption)
        tables.append(table)
        lines += row_lines
        offset = table.end + 1
    return _with_text_tables("\n".join(lines), tables)


def _with_text_tables(text: str, tables: list[Grid]) -> Body:
    """The body with the tables printed as text (pipe rows, aligned columns …) beside the HTML ones. A copy in
    traditional script is searched as simplified (the same offsets), as the recognizers' words are."""
    readable = to_simplified(text) if is_traditional(text) else text
    found = find_text_tables(readable, [(table.start, table.end + 1) for table in tables])
    return Body(text=text, tables=sorted(tables + found, key=lambda table: table.start))


def _layout_table(raw: _RawTable, texts: list[list[str]], start: int, name: str) -> tuple[Grid, list[str]]:
    """Render one line per row, recording each printed cell's offsets, and expand the spans into a grid.

    A merged cell appears once in the text; the positions it also covers hold copies with no offsets.
    """
    printed_rows: list[list[PrintedCell]] = []
    row_lines = []
    offset = start
    for row, row_texts in zip(raw.rows, texts, strict=True):
        printed_row = []
        position = offset
        for i, (spec, text) in enumerate(zip(row, row_texts, strict=True)):
            position += len(CELL_SEP) if i else 0
            printed_row.append(PrintedCell(text, spec.rowspan, spec.colspan, position, position + len(text)))
            position += len(text)
        printed_rows.append(printed_row)
        line = CELL_SEP.join(row_texts)
        row_lines.append(line)
        offset += len(line) + 1
    return grid_from_printed(name, printed_rows, start=start, end=offset - 1), row_lines


# -- attachments -------------------------------------------------------------------------------------------

_FOOTER_TEST = (
    "ancestor-or-self::*[contains(@class,'foot') or contains(@id,'foot') or contains(@class,'bottom')"
    " or contains(@id,'bottom') or contains(@class,'copyright')]"
)
_LINKS_AFTER = etree.XPath(f"following::a[@href][not({_FOOTER_TEST})]")
_ATTACH_HREF = re.compile(r"download\.jsp\?[^#]*wbfileid=|/__local/|/module/download/", re.I)
_ATTACH_EXT = re.compile(r"\.(?:xlsx?|et|docx?|wps|pdf|zip|rar)$", re.I)
_TRUNCATED = ("...", "…", "..")


def _attachment_anchor(body_node, body_range):
    """The element whose links, and the links after it, can be attachments (a Hanweb range: its parent)."""
    return body_range[0].getparent() if body_range else body_node


def _attachments(root, anchor, base: str | None, refused: list[str] | None = None) -> list[dict[str, str | None]]:
    """Attachment links in and after the body, outside the footer, in page order, one entry per file. A link whose
    address no URL parser takes is skipped, and said in `refused` (the page's defects, for crawl_errors)."""
    # An XPath selecting elements returns a list; lxml's stubs type every XPath result as any XPath value.
    links = list(root.iter("a")) if anchor is None else [*anchor.iter("a"), *_LINKS_AFTER(anchor)]  # type: ignore[misc]
    found: list[dict[str, str | None]] = []
    seen: set[str | None] = set()
    for link in links:
        try:
            entry = _attachment(link, base)
        except ValueError as exc:  # `http://beian.miit.其中：gov.cn/a.pdf`: nothing that could be fetched
            if refused is not None:
                refused.append(f"link refused: {exc}")
            continue
        if entry is None:
            continue
        key = entry["url"] or entry["name"]
        if key not in seen:
            seen.add(key)
            found.append(entry)
    return found


def _attachment(link, base: str | None) -> dict[str, str | None] | None:
    """VSB download.jsp / `/__local/`, Hanweb `/module/download/`, or any link to an office/pdf/archive file."""
    href = (link.get("href") or "").strip()
    if not href or href.lower().startswith(("javascript:", "mailto:", "#")):
        return None
    text = printed_text(_text_of(link))
    path = unquote(urlsplit(href).path)
    if not (_ATTACH_HREF.search(href) or _ATTACH_EXT.search(path) or _ATTACH_EXT.search(text)):
        return None
    title = printed_text(link.get("title") or "")
    if (not text or text.endswith(_TRUNCATED)) and title:
        text = title
    return {"url": _absolute(href, base), "name": text or path.rsplit("/", 1)[-1]}


def _absolute(href: str, base: str | None) -> str | None:
    if urlsplit(href).scheme in ("http", "https"):
        return href
    if href.startswith("//"):
        return f"{urlsplit(base).scheme if base else 'https'}:{href}"
    return urljoin(base, href) if base else None


# -- plain text --------------------------------------------------------------------------------------------

_ATTACH_LINE = re.compile(r"^附件\s*【(?P<name>[^】]+)】")
_GREETING = re.compile(r"^欢迎(?:来到|访问|光临)")
# a site's header line copied with the page, or its search box (`信息检索:`)
_SITE_CHROME = re.compile(
    r"欢迎(?:您|来到|访问|光临)|今[天日]是|^\s*(?:信息|站内|全文)?(?:检索|搜索)\s*[:：]?\s*$"
    r"|^\s*相关(?:解读|文件|链接|附件|阅读|新闻)\s*[:：]?\s*$"  # a portal's empty `相关解读:` boxes above the title
    r"|^\s*字(?:体|号)(?:大小)?\s*[:：]"  # its font-size switch (`字体大小: 大 中 小`)
)
_SITE_ID = re.compile(r"网站标识码\s*[:：]?\s*([0-9A-Za-z]{10})(?![0-9A-Za-z])")
_REPORT_WORDS = re.compile(r"报告|决算|预算|绩效|自评|评价|公开|公示|情况|三公")
# what a title line carries besides the title: the bars of a text table's first row or of one cell of a
# one-cell-per-line form (`…统计表 | ||`, `…自评表 |`), or a document-sharing site's caption of a page's
# thumbnail (`项目绩效目标表_第1页`, one such line per page of the file), or the extension of a file's name
_CELL_RESIDUE = re.compile(r"(?:\s*\|)+\s*$")
_LOST_INDENT = re.compile(r"^\?+")  # a mirror's `?` for each space it could not encode (`????二、部门预算单位构成`)
_TITLE_RESIDUE = re.compile(
    _CELL_RESIDUE.pattern
    + r"|_第\d{1,3}页$|(?:\d{10,})?\.(?:docx?|pdf|wps|xlsx?)$"
    + r"|[(（](?:通用|精选|优秀|热门|推荐)?[\d一二三四五六七八九十]{1,2}篇[)）]$",
    re.IGNORECASE,
)  # `…公开表20221013044707503.xls`: an upload's time stamp and extension; a model-essay site's count of the
# copies it collects (`…绩效自评报告(通用5篇)`)


# A document-sharing copy: the uploaded file's name on the first line, then the title glued to the body's first
# words on the second (`…自评总结报告.docx` ⏎ `X中心 2022 年…自评总结报告 一 绩效管理工作开展情况。…`)
_FILE_NAME_LINE = re.compile(r"^[^\s,，。;；]{2,80}\.(?:docx?|pdf|wps|xlsx?)\s*$", re.IGNORECASE)
_GLUED_TITLE = re.compile(r"[^\n,，。;；:：]{8,80}?(?:报告|说明)(?=[ \t\u3000]+\S)")


def _unglued_title(text: str) -> tuple[str, int]:
    """The text with the title under a file-name line put on a line of its own (a space becomes a line break, so
    offsets stay those of the text), and the index of the first line that may be the title (1 then: the file's
    name is no title when the page prints one)."""
    first, newline, rest = text.partition("\n")
    title = _GLUED_TITLE.match(rest) if newline and _FILE_NAME_LINE.match(first) else None
    if title is None:
        return text, 0
    cut = len(first) + 1 + title.end()
    return text[:cut] + "\n" + text[cut + 1 :], 1


_TITLE_LINE_HEAD = 10  # lines from the top where a title may carry the metadata after it
_TITLE_MIN = 8  # characters of the shortest report title


def _title_apart_from_metadata(text: str) -> str:
    """`随州市第一中学2020年部门预算 发布日期:2020-02-08 …`: a title line that goes on with the metadata, the space
    before the first label made a line break (offsets stay those of the text)."""
    lines = text.split("\n")
    for k, line in enumerate(lines[:_TITLE_LINE_HEAD]):
        cut = label_start(line)
        head = line[:cut].rstrip() if cut else ""
        if cut and len(head) >= _TITLE_MIN and line[cut - 1] == " " and _REPORT_WORDS.search(head):
            lines[k] = line[: cut - 1] + "\n" + line[cut:]
    return "\n".join(lines)


def parse_plaintext(text: str, url: str | None = None) -> Page:
    """A page saved as text: block lines (label+value, `-` separators), the title line, then the body.

    Only the title and the metadata lines leave the text: whatever else precedes the title (a cover form, a
    contents list, a paragraph with figures) stays in the body. `附件【name】` lines are the attachment list;
    tables printed as text are rebuilt into grids.
    """
    text, title_from = _unglued_title(_title_apart_from_metadata(text))
    printed = text.split("\n")
    lines = [line.strip() for line in normalise(text).split("\n")]
    if is_traditional(text):  # a copy in traditional script: title and metadata read as simplified
        printed = simplified_reading(text).split("\n")
        lines = [line.strip() for line in normalise("\n".join(printed)).split("\n")]
    title_lines = [title_from + i for i in _plain_title_lines(lines[title_from:])]
    first = title_lines[0] if title_lines else len(lines)
    after = title_lines[-1] + 1 if title_lines else len(lines)
    while after < len(lines) and (
        not lines[after] or _metadata_line(lines[after]) or _bare_label(lines[after - 1])
    ):  # a `发布日期：…` (or `2014年08月02日 来源:…`, `某某政务网 发布日期 : …`) line under the title, or the
        after += 1  # value under a label printed alone (`索引号` ⏎ `01525774-9/2018-0919002`)
    block_lines = [
        i for i in range(first) if _block_line(lines[i], titled=bool(title_lines)) or (i and _bare_label(lines[i - 1]))
    ]  # `索引号` ⏎ `yxxzf5/2024-00033`: a label's value line
    block_lines += range(first, after)
    block = parse_block("\n".join(lines[i] for i in block_lines if i not in title_lines))
    filed_as = block.fields.get("name")
    if filed_as and _REPORT_WORDS.search(filed_as):
        # `名称 | 阳新县人大2020年部门预算公开`: the title the portal files the page under; a line below read as a
        # title (`部门2020年部门预算`) is a heading of the body
        block_lines = [i for i in block_lines if i not in title_lines]
        title_lines = []
    skipped = set(block_lines) | set(title_lines)
    rest = [line for i, line in enumerate(lines) if i not in skipped]
    attachments = [{"url": None, "name": m.group("name").strip()} for m in map(_ATTACH_LINE.match, rest) if m]
    block.fields.update(_fields_in_body_head("\n".join(rest), block.fields))
    if not block.fields.get("index_no"):
        block.fields["index_no"] = _index_number_alone(text)
    if not block.fields.get("doc_no"):
        block.fields["doc_no"] = _doc_number_alone("\n".join(rest))
    greeting = next((lines[i] for i in block_lines if _GREETING.match(lines[i])), None)
    site_id = _SITE_ID.search(text)  # the footer's 网站标识码, which every government site prints
    meta = {"SiteName": greeting} if greeting else {}  # a saved page's `欢迎来到…网站` line names its site
    meta.update({"SiteIDCode": site_id.group(1)} if site_id else {})
    return Page(
        url=url,
        encoding=None,
        title="".join(_TITLE_RESIDUE.sub("", printed_text(printed[i])) for i in title_lines)
        or block.fields.get("name")
        or _title_of_untitled(lines)
        or "",
        meta=meta,
        column=None,
        fields=block.fields,
        block_text=block.text,
        body=_with_text_tables("\n".join(line for line in rest if line and not _ATTACH_LINE.match(line)), []),
        attachments=attachments,
        is_html=False,
    )


# A document-sharing site's copy opens with the file's name (`《X局2019年…绩效自评报告.docx》由会员分享，…`).
_SHARED_DOCUMENT = re.compile(r"《(?P<name>[^《》]{6,80}?)\.(?:docx?|pdf|xlsx?|wps)》")


# A title run on into the text's first words, maybe after an attachment's number
# (`附件3某县2021年…绩效自评报告为进一步规范…`, `某中学专项资金绩效自评价报告一、基本情况…`)
_TITLE_GLUED_TO_TEXT = re.compile(
    r"(?:附件\s*\d{1,2}(?:-\d{1,2})?\s*[:：]?\s*)?(?P<title>[^\n,，。;；:：、《》|]{8,80}?(?:报告|说明|自评表))"
    r"(?=一、|[(（]一[)）]|为(?:了|进一步|加强|全面|深入|贯彻|规范|提高)|根据|按照|依据)"
)


def _title_of_untitled(lines: list[str]) -> str | None:
    """When no line is a title: the shared file's name, or a title glued to the text's first words (on one of
    the first two lines: a sharing site's notice may come first)."""
    if shared := _shared_document_name(lines):
        return shared
    first_lines = [line for line in lines if line.strip()][:2]
    glued = next(filter(None, map(_TITLE_GLUED_TO_TEXT.match, first_lines)), None)
    title = glued.group("title") if glued else None
    return title if title and _names_whose(title) else None


def _shared_document_name(lines: list[str]) -> str | None:
    """The shared file's name in the copy's first line (`《X.docx》由会员分享…`, or the file's name alone on it,
    `X.docx`, when it names a report and its place: a short name such as `2022园林中心…` would stand for the unit
    its body names in full), when no title line was found."""
    first = next((line for line in lines if line), "")
    match = _SHARED_DOCUMENT.match(first)
    if match:
        return match.group("name")
    if _FILE_NAME_LINE.match(first) and _REPORT_WORDS.search(first) and name_region(first):
        return _TITLE_RESIDUE.sub("", first.strip())
    return None


def _metadata_line(line: str) -> bool:
    """A line of the metadata block: it starts with a label (also as a table row, `| 发布机构 | X | 文 号 | Y |`, or
    that table's `|---|---|` rule), is a news dateline, or is a short line that carries one after a site's name
    (`青岛政务网 发布日期 : 2018-08-20`)."""
    if _TABLE_RULE.fullmatch(line):
        return True
    line = line.lstrip("| ")
    short = len(line) <= _METADATA_LINE_CHARS and "。" not in line
    return starts_with_label(line) or bool(dateline(line)) or (short and contains_label(line))


_PART_HEADING = re.compile(r"\s*第[一二三四五六七八九十]+部分\s*")
_TABLE_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*")


_METADATA_LINE_CHARS = 60
_CONTENT = re.compile(r"\d|[,;。，；]")
_LABEL_ALONE = 6  # characters of a metadata label printed alone on its line (`索引号`, `发布日期`, `文  号`)


def _bare_label(line: str) -> bool:
    """A metadata label alone on its line, its value on the next one."""
    return starts_with_label(line) and len("".join(line.split()).rstrip(":：")) <= _LABEL_ALONE


def _block_line(line: str, *, titled: bool) -> bool:
    """A line above the title that is not body text: a metadata label, or (above a title) a line with no number
    and no sentence in it (a site name, a `-` separator), unless it is one cell of a table pasted cell by cell
    (`编制数 |`, `||||`): such a table printed above a late title stays in the body."""
    return starts_with_label(line) or (titled and not _CONTENT.search(line) and not _CELL_OR_BARS.fullmatch(line))


_CELL_OR_BARS = re.compile(r"[^|]*\|[\s|]*")  # `编制数 |`, `||||`: one cell and the bars after it


# Lines that are not a title although they name a report: sentences (`…说明如下：`), section headings
# (`第二部分 …`, `(三)…`), `label：value` lines of a cover form and contents entries.
_NOT_A_TITLE = re.compile(  # a bar inside the line: a row of several cells (`项目 | 预算数 | 决算数`)
    r"[:;,。，；|]|如下|^(?:第[一二三四五六七八九十]+部分|[(（]?[一二三四五六七八九十]+[)）、.]|\d+[、.]|[(（]\d{1,2}[)）])"
    r"|目录|PAGEREF|\d$"  # a numbered heading (`(1)项目支出增减情况`) is no title
    r"|^[(（][^)）]*[)）]$"  # a tag in brackets (`（2018部门预算公开）`)
    r"|^[—－\-]"  # a contents line's sub-item (`——部门经济分类支出情况`)
    r"|^表\s*\d+(?:\s*-\s*\d+)?\s*[.、．]"  # a contents line naming a form (`表3-2. 一般公共预算项目支出预算表`)
    r"|^\d{1,3}\s|\d\s*分\s*[)）]"  # a score table's row: a bare score first, a weight `（20 分）`
    r"|名称$"  # a column's header (`评价政策或项目资金名称 |`)
    r"|^《[^》]*》$"  # a contents list's entry (`《项目收入支出决算表》`)
    r"|^(?:本|我)(?:部门|单位)|仅有|只有|共有"  # a sentence (`本部门仅有X本级一个二级预算单位`)
)
# `…2018年部门预算` ⏎ `及“三公”经费预算编制说明`; `…2017年度一般公共预算财政拨款` ⏎ `“三公”经费决算情况说明`
_TITLE_CONTINUED = re.compile(
    r"^(?:及|和|暨)[^。:：]{2,30}$|^[“\"]?三公[^。:：,，\d]{2,24}$|^(?:[预决]算)?(?:情\s*况\s*)?(?:说\s*明|报\s*告)$"
    r"|^[(（][\u4e00-\u9fff“”\"]{2,30}[)）]$"
)  # also a letter-spaced `情 况 说 明` under `…关于…2015年决算的`, and a project's name in brackets under a
# self-evaluation report's title (`…项目支出绩效自评报告` ⏎ `(教育专项工作经费)`, also `(市级“三三制”补助经费项目)`;
# not a year line, `（2022年度）`)
_YEAR_START = re.compile(r"^(?:19|20)\d\d\s*年")
_YEAR_LINE = re.compile(r"(?:19|20)\d\d\s*年度?")  # a cover's year on a line of its own
# `巢湖市某局2021年度` ⏎ `一般公共预算…说明`, `某局关于2018年度` ⏎ `部门决算信息公开的说明`
_YEAR_END = re.compile(r"\s*(?:关于)?\s*(?:19|20)\d\d(?:\s*年度?)?$")  # also a bare `梧州市某幼儿园 2022`
_REPORT_END = re.compile(r"(?:决算|预算|说明|报告|情况|公开|表|统计)$")
_TITLE_TAIL_CHARS = 24


def _continues_title(line: str, following: str) -> bool:
    """The next line carries on the title: an `及…` / `“三公”…` / `情况说明` continuation, or the rest of a title a
    line break cut inside a word (`…一般公共预算财政` ⏎ `拨款“三公”经费支出决算`)."""
    if _TITLE_CONTINUED.match(following):
        return True
    cut_inside = not _REPORT_END.search(line) and _REPORT_END.search(following)
    return bool(cut_inside) and len(following) <= _TITLE_TAIL_CHARS and not _NOT_A_TITLE.search(following)


# A document-sharing site's notices above the copy (`下载文档前请自行甄别文档内容的完整性…`): no text of the report.
_APPENDED_TABLE = re.compile(r"\s*附\s*[表件]\s*\d{0,2}\s*[:：]?\s*")
_SHARING_NOTICE = re.compile(r"下载文档前|仅部分预览|文档侵犯您的权益|由会员分享|可在线阅读")
_UNITLESS_REPORT = re.compile(r"^[\u4e00-\u9fff“”\"]{0,12}(?:决算|预算|绩效|三公)[\u4e00-\u9fff“”\"]{0,16}$")


def _plain_title_lines(lines: list[str], stop_at_text: bool = True) -> list[int]:
    """The title: the first line that reads like a report title (long enough, names a report and whose, no
    label, not a sentence, heading or a line cut off by a PDF wrap), joined with the line before when that one
    holds only the unit's name (`示例县民政局` / `2022年度部门整体支出绩效自评报告`). Empty when no line qualifies,
    or (`stop_at_text`) when the text begins before one (a lead-in `…如下：`, a second sentence): a table caption
    further down is no title."""
    sentences = 0
    for i, printed in enumerate(lines[:60]):
        line = ESSAY_COPY_NUMBER.sub("", _CELL_RESIDUE.sub("", _LOST_INDENT.sub("", printed)))  # a title pasted as
        # a table cell: `… |`, or numbered as one copy of a model essay (a page's caption `_第1页` stays: it marks the
        # shared file's name, however short)
        if (
            i > 1
            and _UNITLESS_REPORT.match(line)
            and _YEAR_LINE.fullmatch(lines[i - 2])
            and _is_unit_name(lines[i - 1])
        ):
            return [i - 2, i - 1, i]  # a cover's three lines: `2020年` ⏎ `某办公室` ⏎ `部门预算`
        continued = [i + 1] if i + 1 < len(lines) and _continues_title(line, lines[i + 1]) else []
        # a title broken before its report words (`某县红十字会2023年度部门整体支出` ⏎ `绩效评价报告`)
        # (a unit's name alone, maybe with its year, is read with the title line under it, below)
        broken = continued and _names_whose(line) and not _is_unit_name(line)
        whole = line + lines[i + 1] if broken else line
        appended = i and sentences and _APPENDED_TABLE.fullmatch(lines[i - 1])  # `附表:` ⏎ its caption, after the text
        part_name = i and _PART_HEADING.fullmatch(lines[i - 1])  # `第二部分` ⏎ `2018年度部门决算报表`: a part's name
        if (
            not (appended or part_name)
            and _TITLE_MIN <= len(line) <= 120
            and _REPORT_WORDS.search(whole)
            and not contains_label(line)
            and not _NOT_A_TITLE.search(line)
            and not _is_breadcrumb(line)
        ):
            unit_above = i and _is_unit_name(lines[i - 1])
            if unit_above and (_YEAR_START.match(line) or line.startswith("关于") or _UNITLESS_REPORT.match(line)):
                return [i - 1, i, *continued]  # the unit's name, then `2021年度“三公”经费决算汇总情况`, `关于…` or
                # a report's name without a unit (`政府采购决算公开情况说明`)
            if _names_whose(whole):
                year_above = i and _YEAR_LINE.fullmatch(lines[i - 1]) and not _YEAR_LINE.search(line)
                return [i - 1, i, *continued] if year_above else [i, *continued]  # `2023年度` ⏎ `某中学单位决算`
        sentences += "。" in line and not _SHARING_NOTICE.search(line)
        lead_in = (  # `…如下：`, not an attachment's number line (`附件3:`) nor a site's `…欢迎您! 今天是:`
            printed.endswith(("：", ":"))
            and not starts_with_label(printed)
            and not _is_breadcrumb(printed)
            and not _SITE_CHROME.search(printed)
            and bool(normalise_title(printed))
        )
        if stop_at_text and (sentences >= 2 or lead_in):
            return []
    return []


# A finance bureau's title for a whole place's 三公 figures names no unit
# (`2022年一般公共预算“三公”经费决算执行情况说明`).
_PLACE_WIDE_SANGONG = re.compile(r"^(?:19|20)\d\d\s*年度?[^,;。，；]{0,16}三公[^,;。，；]{0,16}(?:说明|情况|公开)$")


# A form or report titled by its project's name (`办公楼维修改造经费 绩效自评表`).


def _names_whose(line: str) -> bool:
    """A title says whose report it is: a unit's name, or 部门 / 单位 / 项目 (`2022年度部门整体支出绩效评价自评报告`,
    `项目支出绩效自评表`)."""
    title = normalise_title(line)
    return bool(
        re.search("部门|单位|项目", line)
        or news_headline(title)  # `某署公布“三公经费” 去年公车支出4.5亿元`: whose, the body says
        or department_from_title(title)
        or region_from_title(title)
        or _PLACE_WIDE_SANGONG.match(title)
        or FUND_REPORT.search(title)
        or names_only_its_year(title)
    )


def _is_unit_name(line: str) -> bool:
    """The line holds only a unit's name, maybe followed by its level (`(本级)`) or the report's year."""
    name = without_own_level(_YEAR_END.sub("", line).strip()) or ""
    # (not a metadata line naming the publisher: `发布机构 区文广旅体局`)
    return 4 <= len(name) <= 40 and department_from_title(name) == name and not starts_with_label(name)


# -- the documents row -------------------------------------------------------------------------------------

_SUPERVISION_NO = re.compile(r"监督索引号\s*:?\s*(\d{17,20})")


def supervision_number(page: Page) -> str | None:
    """The Yunnan 监督索引号 (17–20 digits, its first six the budget level's region code), block or body."""
    if page.fields.get("supervision_no"):
        return str(page.fields["supervision_no"])
    match = _SUPERVISION_NO.search(page.body.text[:3000])
    return match.group(1) if match else None


# A model-essay site's collection of copies (`…自评报告(通用5篇)`, `时间:… 我要投稿`, `以下是小编整理的…`, a title
# numbered as one copy, `…自评报告 篇14`): the date it prints is when the site posted its copy, no publication date
# of the report, and its 来源 the user who posted it, no publisher.
_MODEL_ESSAY_SITE = re.compile(
    r"我要投稿|小编(?:精心)?(?:为大家)?(?:整理|收集|搜集)|[(（]?(?:通用|精选|精品)\d{1,2}篇|"
    + ESSAY_COPY_NUMBER.pattern,
    re.MULTILINE,
)
_SITE_MARK_REACH = 600
_POSTING_FIELDS = ("published", "published_time", "published_basis", "source", "publisher")


def document_fields(page: Page, region_hint: str | None = None) -> dict[str, object]:
    """The `documents` fields of a page (docs/data-dictionary.md), plus how the uncertain ones were found (`*_basis`).

    `region_hint` is the portal's registry region, used by `region_for` when the page itself names none.
    """
    body_text = page.body.text
    if is_traditional(body_text):  # a mirror's copy: its body read in simplified script, as its title and block are
        body_text = simplified_reading(body_text)
    fields = page.fields
    if _MODEL_ESSAY_SITE.search(page.title + "\n" + page.block_text + "\n" + body_text[:_SITE_MARK_REACH]):
        fields = {**fields, **dict.fromkeys(_POSTING_FIELDS)}
    facts = title_facts(
        page.title,
        body_text=body_text,
        column=page.column,
        source=fields.get("source"),
        publisher=fields.get("publisher"),
        published=fields.get("published"),
        site=page.meta.get("SiteName", ""),
    )
    supervision_no = supervision_number(page)
    region_code = region_for(
        department=facts.placed_department,
        publisher=fields.get("publisher"),
        site_id_code=page.meta.get("SiteIDCode"),
        supervision_no=supervision_no,
        hint=region_hint,
    ) or name_region(page.meta.get("SiteName"))  # last, the place whose site it is (`某县人民政府`)
    return {
        "url": page.url,
        **{name: fields.get(name) for name in CORE_FIELDS},
        "title": printed_title(page.title),
        "department": facts.department,
        "fiscal_year": facts.fiscal_year,
        "report_type": facts.report_type,
        "category": "notice" if is_notice(normalise_title(page.title or "")) else "report",
        "region_code": region_code,
        "column_name": page.column,
        "supervision_no": supervision_no,
        "published_basis": fields.get("published_basis"),
        "department_basis": facts.department_basis,
        "fiscal_year_basis": facts.fiscal_year_basis,
    }
