"""`govreports extract`: one saved page or attachment in, its records (docs/data-dictionary.md) out."""

from __future__ import annotations

import json

from conftest import invoke_ok, shared_dir

from pipelines.extract import extract_page

SCHEMA_KEYS = {"document", "figures", "projects", "evaluations", "attachments", "validation_issues"}


def test_extract_prints_the_schema_json_for_the_seed_text():
    seed = next((shared_dir() / "seed").glob("*.txt"))
    result = json.loads(invoke_ok("extract", str(seed)).stdout)
    assert SCHEMA_KEYS <= set(result)
    assert result["document"]["index_no"] == "000014348/2023-02345"
    figure = next(f for f in result["figures"] if f["metric"] == "budget.initial_total")
    assert (figure["value"], figure["unit"], figure["value_text"], figure["unit_text"]) == (
        4482600.0,
        "yuan",
        "448.26",
        "万元",
    )
    body = result["document"]["body_text"]
    assert "448.26" in body[figure["span_start"] : figure["span_end"]]


def test_extract_reads_an_attachment_by_its_bytes():
    form = shared_dir() / "gold" / "forms" / "fd01.xlsx"
    result = json.loads(invoke_ok("extract", str(form)).stdout)
    assert result["form_kind"] == "project_self_eval" and result["parse_status"] == "ok"
    assert len(result["indicators"]) > 5 and result["evaluations"][0]["score"] is not None


PAGE = """<html><head><meta charset="utf-8"><meta name="SiteIDCode" content="5325020001"></head><body>
<div class="xxgk"><ul><li>索引号11532502/2023-00012</li><li>发布机构开远市水务局</li><li>发布日期2023-06-01</li></ul></div>
<h1>开远市水务局2022年度部门决算</h1><div id="vsb_content"><div class="v_news_content">
<p>监督索引号：53252407734201000</p><p>开远市水务局2022年度收入总计512.30万元。</p></div></div></body></html>"""  # noqa: E501


def test_a_region_conflict_is_a_validation_issue():
    result = extract_page(PAGE.encode("utf-8"), "https://www.hhky.gov.cn/info/1/2.htm", region_hint="532502")
    issues = [i["detail"] for i in result["validation_issues"] if i["rule"] == "region_mismatch"]
    assert issues and all("532524" in detail for detail in issues)


def test_a_department_named_by_its_level_alone_takes_the_portals_region_in_the_document_and_its_figures():
    text = "区政协2017年部门预算\n2017年初预算收入275.72万元，其中一般公共预算拨款226.72万元。"
    result = extract_page(text.encode(), "https://www.example.gov.cn/a.shtml", region_hint="430511")
    assert (result["document"]["department"], result["document"]["region_code"]) == ("北塔区政协", "430511")
    assert {f["subject"] for f in result["figures"]} == {"北塔区政协"}
    alone = extract_page(text.encode(), "https://www.example.gov.cn/a.shtml")  # no region known: as printed
    assert alone["document"]["department"] == "区政协"


def test_an_implausible_fiscal_year_is_flagged_not_changed():
    page = PAGE.replace("2022年度部门决算", "2015年度部门决算")
    result = extract_page(page.encode("utf-8"), "https://www.hhky.gov.cn/info/1/2.htm")
    assert result["document"]["fiscal_year"] == 2015
    [issue] = [i for i in result["validation_issues"] if i["rule"] == "year_mismatch"]
    assert issue["observed"] == "2015" and issue["expected"] == "2021–2023"


def test_a_title_that_is_an_uploaded_file_name_loses_its_extension_and_upload_stamp():
    page = (
        "某县中心卫生院2023年部门决算公开表20240916103311872.xls\n\n"
        "上传人:b***7  上传时间:2024-09-20\n收入合计 120.50 万元。"
    )
    document = extract_page(page.encode(), "http://wenku.example.com/p-1.html")["document"]
    assert document["title"] == "某县中心卫生院2023年部门决算公开表"
    assert (document["fiscal_year"], document["report_type"]) == (2023, "final_accounts")
