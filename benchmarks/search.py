"""Chinese search at scale: latency through Datasette's HTTP JSON API and recall against a substring scan.

Builds a synthetic corpus of report-like documents (default 200,000 × ≈1,000 characters) with the project's
schema and bigram index, serves it with `datasette serve -i` plus an inspect file, the project's metadata and
search plugin, and prints p50/p95 latency for 2-, 3- and 5-character terms and two-term queries on four
endpoints (table search with count and facets, with the count only, with neither, and the search_documents
canned query), then recall and false hits against a substring scan of a document sample.

    .venv/bin/python benchmarks/search.py [--documents 200000] [--queries 25] [--db EXISTING.db]

Everything lives in a temporary directory that is removed at the end; the server is stopped by its PID.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from pipelines.datasette_site import datasette_options
from pipelines.search import excluded_terms, fts_query, index_text, query_terms
from pipelines.store import FTS_TABLE, Store, stable_id

DATASETTE = Path(sys.executable).parent / "datasette"
HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")

COUNTIES = [
    "开远市",
    "蒙自市",
    "个旧市",
    "弥勒市",
    "建水县",
    "石屏县",
    "泸西县",
    "元阳县",
    "红河县",
    "绿春县",
    "屏边县",
    "河口县",
    "金平县",
    "云县",
    "湘阴县",
    "仁寿县",
]
DEPARTMENTS = [
    "教育体育局",
    "卫生健康局",
    "民政局",
    "财政局",
    "农业农村局",
    "自然资源局",
    "林业和草原局",
    "市场监督管理局",
    "政务服务管理局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "司法局",
    "人力资源和社会保障局",
    "生态环境分局",
    "统计局",
    "审计局",
    "文化和旅游局",
    "医疗保障局",
    "退役军人事务局",
    "应急管理局",
    "公安局",
    "发展和改革局",
    "工业商务和信息化局",
]
REPORT_TITLES = {
    "self_eval_department_and_project": "部门整体和项目支出绩效自评报告",
    "self_eval_department": "部门整体支出绩效自评报告",
    "self_eval_project": "项目支出绩效自评报告",
    "final_accounts": "部门决算公开",
    "budget": "部门预算公开",
}
PHRASES = """
年初预算 调整预算 全年预算数 预算执行率 支付进度 收入总计 支出总计 本年收入合计 本年支出合计 上年结转结余
年末结转和结余 财政拨款收入 其他收入 基本支出 项目支出 人员经费 公用经费 对个人和家庭的补助 工资福利支出
商品和服务支出 三公经费 因公出国（境）费 公务用车购置及运行维护费 公务用车购置费 公务用车运行维护费
公务接待费 国内公务接待 外事接待 会议费 培训费 差旅费 办公费 印刷费 水电费 物业管理费 政府采购
国有资产 固定资产 实有人员 编制人数 行政编制 事业编制 在职在编 离退休人员 绩效目标 绩效指标
产出指标 效益指标 满意度指标 数量指标 质量指标 时效指标 成本指标 社会效益 经济效益 生态效益
可持续影响 服务对象满意度 自评得分 评价等级 综合评分 部门整体支出 项目资金 资金到位率 资金使用率
专项资金 转移支付 结余资金 资金管理 预算管理 财务管理 内部控制 制度建设 绩效管理 绩效自评
存在的问题 原因分析 改进措施 下一步工作 结果应用 公开情况 主要职责 机构设置 内设机构 下属单位
重点工作任务 年度工作目标 放管服改革 营商环境 政务服务 乡村振兴 义务教育 公共卫生 基层医疗
社会救助 养老服务 森林防火 生态保护 环境治理 道路养护 农田水利 城乡建设 安全生产 应急处置
""".split()
CONNECTORS = [
    "，",
    "。",
    "；",
    "、",
    "：",
    "（",
    "）",
    "和",
    "的",
    "为",
    "较上年",
    "其中",
    "主要用于",
    "完成",
    "按照",
    "根据",
    "加强",
    "进一步",
    "全面落实",
    "严格执行",
]


def sentence(rng: random.Random) -> str:
    """One report-like clause: a few phrases, connectors and usually an amount."""
    parts = [rng.choice(PHRASES) for _ in range(rng.randint(2, 5))]
    glue = [rng.choice(CONNECTORS) for _ in parts]
    text = "".join(p + g for p, g in zip(parts, glue, strict=True))
    if rng.random() < 0.7:
        text += f"{rng.uniform(0, 3000):.2f}{rng.choice(['万元', '元', '%', '人次', '批次'])}"
    return text + rng.choice(["。", "；", "，"])


def make_documents(count: int, chars: int, seed: int = 7):
    """Yield `documents` rows; bodies are drawn from a shared pool of clauses (fast, realistic overlap)."""
    rng = random.Random(seed)
    pool = [sentence(rng) for _ in range(20_000)]
    per_doc = chars // 25 + 8
    for n in range(count):
        county, department = rng.choice(COUNTIES), rng.choice(DEPARTMENTS)
        year, report_type = rng.randint(2018, 2024), rng.choice(list(REPORT_TITLES))
        url = f"https://bench.example/{n}.htm"
        yield {
            "id": stable_id(url),
            "url": url,
            "portal_id": f"p{COUNTIES.index(county)}",
            "region_code": f"5325{COUNTIES.index(county):02d}",
            "publisher": county + "财政局",
            "title": f"{county}{department}{year}年度{REPORT_TITLES[report_type]}",
            "department": county + department,
            "fiscal_year": year,
            "report_type": report_type,
            "published": f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "body_text": "".join(rng.choices(pool, k=per_doc))[:chars],
            "status": "live",
        }


def build(path: Path, count: int, chars: int, batch: int = 5_000) -> None:
    store = Store(path)
    db = store.db
    db.execute("PRAGMA synchronous=OFF")
    rows: list[dict] = []
    for row in make_documents(count, chars):
        rows.append(row)
        if len(rows) == batch:
            _insert(db, rows)
            rows = []
    if rows:
        _insert(db, rows)
    db.execute("PRAGMA journal_mode=DELETE")  # immutable mode cannot read a WAL
    store.close()


def _insert(db, rows: list[dict]) -> None:
    with db.conn:
        db["documents"].insert_all(rows, batch_size=len(rows))
        db.conn.executemany(
            f"insert into {FTS_TABLE}(rowid, title, body) values (?, ?, ?)",
            [(r["id"], index_text(r["title"]), index_text(r["body_text"])) for r in rows],
        )


def han_substring(rng: random.Random, text: str, length: int) -> str | None:
    runs = [m.group() for m in HAN_ONLY.finditer(text) if len(m.group()) >= length]
    if not runs:
        return None
    run = rng.choice(runs)
    start = rng.randint(0, len(run) - length)
    return run[start : start + length]


def make_queries(rng: random.Random, texts: list[str], per_class: int) -> dict[str, list[str]]:
    """Han substrings of real documents (so frequencies vary naturally), by length, and two-term pairs."""

    def draw(length: int) -> str:
        while True:
            term = han_substring(rng, rng.choice(texts), length)
            if term:
                return term

    queries = {f"{n} chars": [draw(n) for _ in range(per_class)] for n in (2, 3, 5)}
    queries["two terms"] = [f"{draw(rng.randint(2, 3))} {draw(rng.randint(2, 4))}" for _ in range(per_class)]
    queries["words"] = [realistic_query(rng) for _ in range(per_class)]
    return queries


def realistic_query(rng: random.Random) -> str:
    """What a person types: a place, a department or a kind of report, alone, combined, or excluding one
    (`-term`): words that occur in some reports, not in all (the body phrases of this corpus occur in most)."""
    county, department = rng.choice(COUNTIES), rng.choice(DEPARTMENTS)
    place = county.rstrip("市县")
    kind = rng.choice(["决算", "预算公开", "项目支出绩效", "部门整体"])
    return rng.choice(
        [
            department,
            f"{place} {department}",
            f"{department} {kind}",
            f"{place} {kind}",
            f"{department} -{place}",
            f"{county}{department}",
        ]
    )


ENDPOINTS = {
    "HTML search page": ("/reports/documents", "_search", {}),
    "table search (count+facets)": ("/reports/documents.json", "_search", {}),
    "table search (count, _nofacet)": ("/reports/documents.json", "_search", {"_nofacet": 1}),
    "table search (_nocount,_nofacet)": ("/reports/documents.json", "_search", {"_nocount": 1, "_nofacet": 1}),
    "canned search_documents": ("/reports/search_documents.json", "q", {"_shape": "array"}),
}


def measure(client: httpx.Client, queries: dict[str, list[str]]) -> list[tuple[str, str, float, float, int]]:
    results = []
    for endpoint, (path, param, extra) in ENDPOINTS.items():
        for label, terms in queries.items():
            timings, failures = [], 0
            for term in terms:
                started = time.perf_counter()
                response = client.get(path, params={param: term, **extra})
                timings.append((time.perf_counter() - started) * 1000)
                failures += response.status_code != 200
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            results.append((endpoint, label, statistics.median(timings), p95, failures))
    return results


def recall(db_path: Path, sample: list[tuple[int, str, str]], queries: dict[str, list[str]]):
    """Per class: substring matches in the sample, how many the index returned, and index false hits."""
    conn = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    sample_ids = {doc_id for doc_id, _, _ in sample}
    report = {}
    for label, terms in queries.items():
        expected_total = found = false_hits = 0
        for query in terms:
            hits = {
                r[0]
                for r in conn.execute(f"select rowid from {FTS_TABLE} where {FTS_TABLE} match ?", [fts_query(query)])
            } & sample_ids
            expected = {
                doc_id
                for doc_id, title, body in sample
                if all(t in title or t in body for t in query_terms(query))
                and not any(t in title or t in body for t in excluded_terms(query))
            }
            expected_total += len(expected)
            found += len(hits & expected)
            false_hits += len(hits - expected)
        report[label] = (expected_total, found, false_hits)
    conn.close()
    return report


def describe(db: Path) -> None:
    """Print the corpus size, and warn when the documents' sort column leads no index."""
    conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    documents, chars = conn.execute("select count(*), avg(length(body_text)) from documents").fetchone()
    leading = {
        row[0]
        for row in conn.execute(
            "select info.name from pragma_index_list('documents') as list, pragma_index_info(list.name) as info "
            "where info.seqno = 0"
        )
    }
    conn.close()
    print(f"corpus: {documents:,} documents × {chars:,.0f} chars, {db.stat().st_size / 1e6:,.0f} MB")
    if "published" not in leading:
        print(
            "warning: no index on documents(published desc, id): search pages look every match up by "
            "rowid and sort them"
        )


def serve(directory: Path, db: Path) -> tuple[subprocess.Popen, str]:
    inspect_file = directory / "inspect.json"
    subprocess.run([str(DATASETTE), "inspect", str(db), "--inspect-file", str(inspect_file)], check=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            str(DATASETTE),
            "serve",
            "-i",
            str(db),
            "--inspect-file",
            str(inspect_file),
            *datasette_options(),
            "--port",
            str(port),
            "-h",
            "127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(f"{base}/-/versions.json", timeout=1.0)
            return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("datasette did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--chars", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=25, help="queries per class")
    parser.add_argument("--sample", type=int, default=10_000, help="documents in the recall sample")
    parser.add_argument("--db", help="measure an existing database built by this script instead of building one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="govreports-bench-") as tmp:
        directory = Path(tmp)
        db = directory / "reports.db"  # the metadata describes the database named "reports"
        if args.db:
            db.symlink_to(Path(args.db).resolve())
        else:
            started = time.perf_counter()
            build(db, args.documents, args.chars)
            print(f"built in {time.perf_counter() - started:.0f} s")
        describe(db)

        rng = random.Random(11)
        conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
        sample = conn.execute(
            "select id, title, body_text from documents order by random() limit ?", [args.sample]
        ).fetchall()
        conn.close()
        queries = make_queries(rng, [body for _, _, body in sample], args.queries)

        server, base = serve(directory, db)
        try:
            with httpx.Client(base_url=base, timeout=30.0) as client:
                client.get("/reports/documents.json", params={"_search": "预算"})  # warm the page cache
                results = measure(client, queries)
        finally:
            server.terminate()
            server.wait(timeout=10)

        print(f"\nlatency over HTTP, {args.queries} queries per class (ms)")
        print(f"{'endpoint':34} {'queries':10} {'p50':>7} {'p95':>7} {'errors':>6}")
        for endpoint, label, p50, p95, failures in results:
            print(f"{endpoint:34} {label:10} {p50:7.1f} {p95:7.1f} {failures:6d}")

        print(f"\nrecall against a substring scan of {len(sample):,} sampled documents")
        for label, (expected, found, false_hits) in recall(db, sample, queries).items():
            rate = found / expected if expected else 1.0
            print(f"{label:10} expected {expected:7,}  found {found:7,}  recall {rate:.4f}  false hits {false_hits}")
        print(json.dumps({"example_queries": {k: v[:3] for k, v in queries.items()}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
