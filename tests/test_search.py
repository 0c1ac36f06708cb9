"""Chinese search: the bigram index plus `fts_query` must find exactly what a substring scan finds."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.search import excluded_terms, fts_query, index_text, query_terms, snippet

HAN_CHARS = "三公经费预算年"
WORD_CHARS = "2a"
SEPARATORS = "，”、"
HAN = "[\u4e00-\u9fff]"
SEP = r"[^\u4e00-\u9fff0-9a-z]"


def fts_matches(texts: list[str], query: str) -> set[int]:
    """Indexes of the texts an FTS5 table built with `index_text` returns for `fts_query(query)`."""
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(body, tokenize='unicode61')")
    conn.executemany(
        "insert into t(rowid, body) values (?, ?)", [(i, index_text(text)) for i, text in enumerate(texts)]
    )
    return {row[0] for row in conn.execute("select rowid from t where t match ?", [fts_query(query)])}


def term_pattern(term: str) -> str:
    """The documented meaning of one term, written independently of the implementation.

    Han text matches as a substring; digits/Latin match whole words; punctuation inside a term stands for
    any punctuation (at least one character between two Han runs or two words, any amount between a Han
    run and a word, where the index separates them anyway).
    """
    segments = re.findall(f"{HAN}+|[0-9a-z]+", term)
    kinds = ["han" if re.fullmatch(f"{HAN}+", s) else "word" for s in segments]
    pattern = "(?<![0-9a-z])" if kinds[0] == "word" else ""
    for i, (segment, kind) in enumerate(zip(segments, kinds, strict=True)):
        if i:
            pattern += f"{SEP}+" if kind == kinds[i - 1] else f"{SEP}*"
        pattern += re.escape(segment)
    return pattern + ("(?![0-9a-z])" if kinds[-1] == "word" else "")


def reference_matches(texts: list[str], query: str) -> set[int]:
    terms = [t for t in query.split() if re.search(f"{HAN}|[0-9a-z]", t)]
    if not terms:
        return set()
    return {i for i, text in enumerate(texts) if all(re.search(term_pattern(t), text) for t in terms)}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("三公", '"三公"'),
        ("公务接待费", '"公务 务接 接待 待费"'),
        ("三公 培训", '"三公" "培训"'),
        ("年", '"年"*'),
        ("2022年", '"2022 年"*'),
        ("年度2022", '"年度 度 2022"'),
        ("“三公”经费", '"三公 公 经费"'),
        ('"三公 经费"', '"三公 公 经费"'),
        ("OR a-b*", '"OR" "a b"'),
        ("", '""'),
        ("，", '""'),
    ],
)
def test_fts_query_expressions(query, expected):
    assert fts_query(query) == expected


def test_index_text_writes_bigrams_and_keeps_other_words():
    assert index_text("2022年公务接待费") == "2022 年公 公务 务接 接待 待费 费 "
    assert index_text(None) == ""


@pytest.mark.parametrize(
    "query, expected",
    [
        ("三公", {0, 2}),  # 三，公 (1) and 三、公 (3) are not 三公
        ("三公经费", {0, 2}),
        ("经费 预算", {0, 2}),
        ("2022年度", {2}),  # 20220 is another number
        ("年度2022", {2}),
        ("三，公", {1, 3}),  # any punctuation between the two runs
        ("公", {0, 1, 2, 3}),
    ],
)
def test_examples_match_substrings(query, expected):
    texts = ["三公经费预算", "三，公开预算", "年度2022年度三公经费与预算", "三、公20220年度"]
    assert fts_matches(texts, query) == expected == reference_matches(texts, query)


@st.composite
def corpus_and_query(draw):
    alphabet = HAN_CHARS + WORD_CHARS + SEPARATORS + " "
    texts = draw(st.lists(st.text(alphabet=alphabet, max_size=24), min_size=1, max_size=6))
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        source = draw(st.sampled_from(texts))
        if source and draw(st.booleans()):
            start = draw(st.integers(0, len(source) - 1))
            terms.append(source[start : draw(st.integers(start + 1, min(len(source), start + 6)))])
        else:
            terms.append(draw(st.text(alphabet=HAN_CHARS + WORD_CHARS + SEPARATORS, min_size=1, max_size=5)))
    return texts, " ".join(terms)


@settings(max_examples=400, deadline=None)
@given(corpus_and_query())
def test_search_finds_exactly_the_reference_matches(case):
    texts, query = case
    assert fts_matches(texts, query) == reference_matches(texts, query)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=HAN_CHARS + "，", min_size=1, max_size=40), st.data())
def test_han_terms_match_like_a_substring_scan(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    term = text[start : data.draw(st.integers(start + 1, len(text)))]
    if not re.search(HAN, term) or "，" in term:
        return
    others = ["预算年公", "经费三", text[::-1]]
    texts = [text, *others]
    assert fts_matches(texts, term) == {i for i, t in enumerate(texts) if term in t}


def test_query_terms_keep_quoted_phrases_and_drop_edge_punctuation():
    assert query_terms('“三公” "公务 接待" 培训。') == ["三公", "公务 接待", "培训"]


def test_snippet_marks_terms_around_the_first_match():
    text = "一、基本情况\n" + "部门职责说明" * 10 + "三公经费支出3.60万元，培训费0.50万元。" + "其他" * 20
    cut = snippet(text, "培训 三公", width=6)
    assert cut == "…部门职责说明【三公】经费支出3.…"


def test_snippet_without_a_literal_match_starts_at_the_beginning():
    assert snippet("预算执行情况良好。", "不存在", width=4) == "预算执行…"
    assert snippet("短文本", "", width=10) == "短文本"
    assert snippet(None, "三公") is None


EXCLUSION_TEXTS = ["三公经费支出，培训费0.5万元", "三公经费支出，会议费1万元", "会议费与培训费", "公务接待费"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("三公 -培训", {1}),  # a -term excludes the texts containing it
        ("费 -三公 -会议", {3}),  # several exclusions
        ('经费 -"会议费"', {0}),  # an excluded phrase
        ("公务接待费 -培训", {3}),
        ("-三公", set()),  # only exclusions: nothing to look for, nothing found
        ("三公-培训", set()),  # a minus inside a term is punctuation, not an exclusion
    ],
)
def test_minus_term_excludes_like_a_substring_scan(query, expected):
    assert fts_matches(EXCLUSION_TEXTS, query) == expected
    included, excluded = query_terms(query), excluded_terms(query)
    if included:
        assert expected == {
            i
            for i, text in enumerate(EXCLUSION_TEXTS)
            if all(t in text for t in included) and not any(t in text for t in excluded)
        }
