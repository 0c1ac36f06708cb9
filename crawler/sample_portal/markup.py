"""VSB/博达 page markup: article pages, list pages with the backwards pager, the 信息公开 tree and the home page.

Reproduces what crawlers meet on VSB county portals (docs/design.md): government-site `<meta>` tags, the
`Announced by Visual SiteBuilder 9` comment, `_jsq_`/`_showDynClicks` counter scripts, a breadcrumb, the column
name above a label-glued-to-value metadata block, `form[name=_newscontent_fromname]`, `#vsb_content .v_news_content`,
`附件【…】` download links, relative hrefs. Every page's footer says it is sample data.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from html import escape

from .content import COLUMNS, SAMPLE_NOTICE_EN, SAMPLE_NOTICE_ZH, SITE, Article, Column
from .texts import Block

ON = ' class="on"'
TITLE_LIMIT = 26  # list anchors longer than this are cut and end in `...`
NAV = (("首页", "/index.htm"), ("政府信息公开", "/zfxxgk.htm"), ("新闻中心", "/xwzx.htm"))
TREE = (
    (
        "法定主动公开内容",
        "/zfxxgk/fdzdgknr.htm",
        (
            (
                "财政信息",
                "/zfxxgk/fdzdgknr/czxx.htm",
                (
                    (COLUMNS["ysjxgl"].name, COLUMNS["ysjxgl"].path, ()),
                    (COLUMNS["bmjs"].name, COLUMNS["bmjs"].path, ()),
                ),
            ),
        ),
    ),
)


def rel(src: str, dst: str) -> str:
    """`dst` relative to the page at `src` (both site paths), as VSB writes links."""
    return posixpath.relpath(dst, posixpath.dirname(src))


def page(
    path: str, title: str, main: str, *, metas: Sequence[tuple[str, str]] = (), counter: str = "", nav_on: str = ""
) -> str:
    """The common VSB page frame around `main`."""
    root = rel(path, "/")
    root = "" if root == "." else root + "/"
    meta_tags = "".join(f'<meta name="{name}" content="{escape(value)}">\n' for name, value in metas)
    nav = "".join(
        f'<li{ON if name == nav_on else ""}><a href="{rel(path, target)}">{name}</a></li>' for name, target in NAV
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<title>{escape(title)}-{SITE.name}</title>
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<META Name="keywords" Content="{SITE.name},政府信息公开" />
<meta name="SiteName" content="{SITE.name}">
<meta name="SiteDomain" content="{SITE.domain}">
<meta name="SiteIDCode" content="{SITE.site_code}">
{meta_tags}<link rel="stylesheet" type="text/css" href="{root}style/base.css">
<!--Announced by Visual SiteBuilder 9-->
<script type="text/javascript" src="/system/resource/js/counter.js"></script>
{counter}</head>
<body>
<div class="sample-banner">{SAMPLE_NOTICE_ZH} · Sample data, not an official website</div>
<div class="topbar"><div class="w1200 clearfix"><span class="fr"><a href="javascript:void(0)" id="wza">无障碍</a> | <a href="{root}index.htm">返回首页</a></span></div></div>
<div class="header"><div class="w1200"><a class="logo" href="{root}index.htm">{SITE.name}</a>
<div class="search"><form action="{root}ssjgy.jsp?wbtreeid=1001" method="post" name="a228453a"><input type="text" name="showkeycode" placeholder="请输入关键字"><input type="submit" value="搜索"></form></div>
</div></div>
<div class="nav"><ul class="w1200">{nav}</ul></div>
{main}
<div class="footer"><div class="w1200">
<p class="sample-notice"><strong>{SAMPLE_NOTICE_ZH}</strong></p>
<p class="sample-notice" lang="en">{SAMPLE_NOTICE_EN}</p>
<p>主办单位：{SITE.name}办公室（示例）　网站标识码：{SITE.site_code}</p>
</div></div>
</body>
</html>
"""  # noqa: E501 - the CMS's page chrome, one element per line as it prints it


def breadcrumb(path: str, trail: Sequence[tuple[str, str]], last: str) -> str:
    links = "".join(f' &gt; <a href="{rel(path, target)}">{escape(name)}</a>' for name, target in trail)
    return f'<div class="location">当前位置：<a href="{rel(path, "/index.htm")}">首页</a>{links} &gt; {last}</div>'


# ---------------------------------------------------------------------------------------------------------------
# Articles


def block_html(block: Block) -> str:
    if block.kind == "table":
        rows = "".join(
            "<tr>"
            + "".join(f'<td><p style="text-align:center;">{escape(cell) or "<br>"}</p></td>' for cell in row)
            + "</tr>\n"
            for row in block.rows
        )
        return (
            '<table border="1" cellspacing="0" cellpadding="0" width="640" style="border-collapse:collapse;">'
            f"\n<tbody>\n{rows}</tbody>\n</table>"
        )
    if block.kind == "heading":
        return f'<p style="text-indent:2em;"><strong>{escape(block.text)}</strong></p>'
    if block.kind == "right":
        return f'<p style="text-align:right;">{escape(block.text)}</p>'
    return f'<p style="text-indent:2em;">{escape(block.text)}</p>'


def metadata_block(a: Article) -> str:
    """The 信息公开 block, labels glued to their values, with the column name printed above it."""
    fields = (
        ("索引号", a.index_no or ""),
        ("发布机构", a.publisher),
        ("文号", ""),
        ("发布日期", a.published.isoformat()),
        ("时效性", "有效"),
    )
    items = "\n".join(f"<li><em>{label}</em>{escape(value)}</li>" for label, value in fields)
    return (
        f'<div class="xxgk-column">{escape(a.column.name)}</div>\n'
        f'<div class="xxgk-head">\n<ul class="clearfix">\n{items}\n</ul>\n</div>'
    )


def attachment_list(a: Article) -> str:
    if not a.attachments:
        return ""
    items = "\n".join(
        f'<li>附件【<a href="{escape(x.url)}" target="_blank">{escape(x.name)}</a>】已下载'
        f'<span id="nattach{x.wbfileid}">{x.downloads}</span>次</li>'
        for x in a.attachments
    )
    return f'<ul style="list-style-type:none;">\n{items}\n</ul>'


def publish_time(a: Article) -> str:
    return f"{a.published.isoformat()} {8 + a.id % 10:02d}:{a.id * 7 % 60:02d}"


def article_page(a: Article) -> str:
    path, col = a.path, a.column
    info = f"发布时间：{a.published.isoformat()}" + ("" if a.index_no else f"　来源：{escape(a.source)}")
    clicks = (
        f'<span>浏览次数：<span id="dynclicks_wbnews_{a.id}_{col.info_id}" '
        f'name="dynclicks_wbnews_{a.id}_{col.info_id}">'
        f'</span><script>_showDynClicks("wbnews", {SITE.owner}, {a.id})</script></span>'
    )
    body = "\n".join(block_html(b) for b in a.blocks)
    main = f"""<div class="main w1200">
{breadcrumb(path, (*col.trail, (col.name, col.path)), "正文")}
{metadata_block(a) if a.index_no else ""}
<form name="_newscontent_fromname">
<div class="content-title"><h1>{escape(a.title)}</h1></div>
<div class="content-info"><span>{info}</span>　{clicks}　<span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div id="vsb_content"><div class="v_news_content">
{body}
</div></div>
<div id="div_vote_id"></div>
{attachment_list(a)}
</form>
<div class="share-print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>"""  # noqa: E501 - the CMS's markup, one element per line as it prints it
    metas = (
        ("ColumnName", col.name),
        ("ArticleTitle", a.title),
        ("PubDate", publish_time(a)),
        ("ContentSource", a.source),
    )
    counter = f"<script type=\"text/javascript\">_jsq_({col.info_id},'/content.jsp',{a.id},{SITE.owner})</script>\n"
    return page(path, a.title, main, metas=metas, counter=counter, nav_on=col.trail[0][0])


# ---------------------------------------------------------------------------------------------------------------
# Lists with the backwards pager


def page_path(column: Column, k: int, pages: int) -> str:
    """Page 1 is `{col}.htm`; page k is `{col}/{M−k+1}.htm`, so the last page is `{col}/1.htm`."""
    return column.path if k == 1 else f"{column.path[: -len('.htm')]}/{pages - k + 1}.htm"


def page_count(items: int, page_size: int) -> int:
    return max(1, -(-items // page_size))


def pager(k: int, pages: int, total: int, link: Callable[[int], str]) -> str:
    """VSB's `span.p_pages`: 首页/上页, numbers around the current page with `p_dot` gaps, 下页/尾页."""

    def button(name: str, label: str, target: int, disabled: bool) -> str:
        if disabled:
            return f'<span class="{name}_d p_fun_d">{label}</span>'
        return f'<span class="{name} p_fun"><a href="{link(target)}">{label}</a></span>'

    shown = sorted({1, pages, *range(max(1, k - 1), min(pages, k + 1) + 1)})
    numbers, previous = [], 0
    for n in shown:
        if n > previous + 1:
            numbers.append('<span class="p_dot">...</span>')
        numbers.append(
            f'<span class="p_no_d">{n}</span>' if n == k else f'<span class="p_no"><a href="{link(n)}">{n}</a></span>'
        )
        previous = n
    buttons = (
        button("p_first", "首页", 1, k == 1)
        + button("p_prev", "上页", k - 1, k == 1)
        + "".join(numbers)
        + button("p_next", "下页", k + 1, k == pages)
        + button("p_last", "尾页", pages, k == pages)
    )
    return (
        f'<div class="pb_sys_common pb_sys_normal pb_sys_style1" style="margin-top:10px;text-align:center;">'
        f'<span class="p_t">共{total}条</span> <span class="p_pages">{buttons}</span> '
        f'<span class="p_t">{k}/{pages}</span></div>'
    )


def list_item(path: str, a: Article, n: int) -> str:
    text = a.title if len(a.title) <= TITLE_LIMIT else a.title[: TITLE_LIMIT - 1] + "..."
    return (
        f'<li id="line_u5_{n}"><a href="{rel(path, a.path)}" target="_blank" title="{escape(a.title)}">'
        f"{escape(text)}</a><span>{a.published.isoformat()}</span></li>"
    )


def side_tree(path: str, nodes=TREE) -> str:
    """The 信息公开 column tree (nested lists of links)."""
    items = "".join(
        f'<li><a href="{rel(path, target)}">{escape(name)}</a>{side_tree(path, children) if children else ""}</li>'
        for name, target, children in nodes
    )
    return f"<ul>{items}</ul>"


def list_page(column: Column, items: Sequence[Article], k: int, pages: int, total: int) -> str:
    path = page_path(column, k, pages)
    lines = "\n".join(list_item(path, a, n) for n, a in enumerate(items))
    ids = ",".join(str(a.id) for a in items)
    spans = ",".join(f"'dynclicks_u5_{a.id}'" for a in items)
    side = side_tree(path) if column.trail[0][1] == "/zfxxgk.htm" else ""
    main = f"""<div class="main w1200 clearfix">
{breadcrumb(path, column.trail, escape(column.name))}
<div class="left-tree">{side}</div>
<div class="right-list">
<div class="list-title"><h2>{escape(column.name)}</h2></div>
<div class="list"><ul>
{lines}
</ul></div>
{pager(k, pages, total, lambda n: rel(path, page_path(column, n, pages)))}
<script>_showDynClickBatch([{spans}],[{ids}],"wbnews", {SITE.owner})</script>
</div>
</div>"""
    return page(path, column.name, main, metas=(("ColumnName", column.name),), nav_on=column.trail[0][0])


def column_pages(column: Column, articles: Sequence[Article], page_size: int) -> dict[str, str]:
    """Every list page of a column (articles newest first), keyed by site path."""
    pages = page_count(len(articles), page_size)
    return {
        page_path(column, k, pages): list_page(
            column, articles[(k - 1) * page_size : k * page_size], k, pages, len(articles)
        )
        for k in range(1, pages + 1)
    }


# ---------------------------------------------------------------------------------------------------------------
# Tree pages and the home page


def tree_page(path: str, name: str, trail: Sequence[tuple[str, str]], nodes) -> str:
    main = f"""<div class="main w1200">
{breadcrumb(path, trail, escape(name))}
<div class="xxgk-tree"><h2>{escape(name)}</h2>
{side_tree(path, nodes)}
</div>
</div>"""
    return page(path, name, main, metas=(("ColumnName", name),), nav_on=(trail[0][0] if trail else name))


def tree_pages() -> dict[str, str]:
    """`/zfxxgk.htm` (the whole 信息公开 tree), its inner nodes and `/xwzx.htm`."""
    fdzdgknr = TREE[0]
    czxx = fdzdgknr[2][0]
    news = COLUMNS["tzgg"]
    return {
        "/zfxxgk.htm": tree_page("/zfxxgk.htm", "政府信息公开", (), TREE),
        fdzdgknr[1]: tree_page(fdzdgknr[1], fdzdgknr[0], (("政府信息公开", "/zfxxgk.htm"),), fdzdgknr[2]),
        czxx[1]: tree_page(czxx[1], czxx[0], (("政府信息公开", "/zfxxgk.htm"), fdzdgknr[:2]), czxx[2]),
        "/xwzx.htm": tree_page("/xwzx.htm", "新闻中心", (), ((news.name, news.path, ()),)),
    }


def home_page(latest: dict[Column, Sequence[Article]]) -> str:
    path = "/index.htm"
    boxes = "\n".join(
        f'<div class="box"><h3><a href="{rel(path, column.path)}">{escape(column.name)}</a></h3><ul>'
        + "".join(list_item(path, a, n) for n, a in enumerate(items))
        + "</ul></div>"
        for column, items in latest.items()
    )
    main = f"""<div class="main w1200">
<div class="box"><h3><a href="zfxxgk.htm">政府信息公开</a></h3>{side_tree(path)}</div>
{boxes}
</div>"""
    return page(path, "首页", main, nav_on="首页")
