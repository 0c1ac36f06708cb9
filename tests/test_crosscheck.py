from pipelines.crosscheck import form_vs_report, with_department

REPORT = [
    {"subject_type": "department", "subject": "开远市水务局", "score": 92.0},
    {"subject_type": "project", "subject": "河道治理经费", "score": 88.5},
]


def test_matching_scores_give_no_issue():
    form = [
        {"subject_type": "department", "subject": None, "score": 92.0},
        {"subject_type": "project", "subject": "河道治理经费项目", "score": 88.5},
    ]
    assert form_vs_report(REPORT, form, "开远市水务局") == []


def test_a_differing_form_score_is_an_issue_with_both_values():
    form = [
        {"subject_type": "project", "subject": "河道治理经费", "score": 86.0},
        {"subject_type": "project", "subject": "另一个项目", "score": 70.0},
    ]
    [issue] = form_vs_report(REPORT, form, "开远市水务局")
    assert (issue["rule"], issue["expected"], issue["observed"]) == ("text_form_mismatch", 88.5, 86.0)


def test_department_forms_take_the_page_department():
    assert (
        with_department([{"subject_type": "department", "subject": None, "score": 90}], "某局")[0]["subject"] == "某局"
    )


def test_the_crawl_records_a_form_whose_score_disagrees_with_the_report(sample_portal, tmp_path):
    """The seed's project form (all projects 100) attached to a page that printed 95 for one project."""
    import urllib.request

    from crawler.sample_portal import content
    from pipelines.crawl import save_attachment
    from pipelines.items import FetchedAttachment
    from pipelines.store import Store, stable_id

    seed = content.expected(content.SEED_ID)
    form = next(a for a in seed["attachments"] if a["form_kind"] == "project_self_eval")
    page_url, form_url = sample_portal + seed["path"], sample_portal + form["url"]
    request = urllib.request.Request(form_url, headers={"Referer": page_url})
    body = urllib.request.urlopen(request, timeout=10).read()
    store = Store(tmp_path / "reports.db")
    store.save_document(
        {"url": page_url, "department": "开远市政务服务管理局", "content_sha256": "x"},
        {"evaluations": [{"subject_type": "project", "subject": "新政务服务中心运转经费", "score": 95.0}]},
    )
    save_attachment(
        store, FetchedAttachment(url=form_url, body=body, status=200, document_url=page_url, name=form["name"])
    )
    issues = list(store.db.query("select * from validation_issues where rule = 'text_form_mismatch'"))
    assert [(i["document_id"], float(i["expected"]), float(i["observed"])) for i in issues] == [
        (stable_id(page_url), 95.0, 100.0)
    ]
