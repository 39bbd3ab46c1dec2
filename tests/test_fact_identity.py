"""Fact identity in the cross-check (issue 12): each rule with a case it must catch and a
case it must leave alone. Claims are extracted from real sentences, then given the
fields the extractor is to fill (subject as written, measure, scope, from_value...)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from claimtrack.crosscheck import crosscheck, verdict_for
from claimtrack.crosscheck.grouping import conflicting_claim_ids
from claimtrack.crosscheck.identity import fact_key
from claimtrack.extract import extract_claims


class _Stored:
    """A claim as the database hands it to crosscheck: an id, a status, an article."""

    def __init__(self, claim, claim_id: int, article: int, published: str = "2025-04-10",
                 outlet: str | None = None):
        self.__dict__.update(claim.model_dump())
        self.id, self.status = claim_id, "unreviewed"
        self.article = SimpleNamespace(id=article, outlet=outlet or f"outlet {article}",
                                       author=None, published=published)


_ids = iter(range(1, 10_000))


def claim(text: str, *, article: int, surface: str | None = None, published: str = "2025-04-10",
          **fields) -> _Stored:
    """The claim of ``text`` (the one with ``surface``), stored in ``article`` with ``fields``."""
    found = extract_claims(text, published=date.fromisoformat(published))
    if surface:
        found = [c for c in found if c.surface == surface]
    assert found, text
    return _Stored(found[0].model_copy(update=fields), next(_ids), article, published)


def _verdicts(groups) -> list[str]:
    return [pair.verdict for group in groups for pair in group.pairs]


# --- Across sources only -------------------------------------------------------------


def test_a_from_to_pair_of_one_article_is_not_a_conflict():
    # 从3200亿元降至2900亿元 is one change claim now; two levels of one article
    # (a list, a from→to written as two sentences) are still never compared.
    [change] = [c for c in extract_claims("营收从3200亿元降至2900亿元。")]
    assert (change.value, change.from_value, change.statement) == (2.9e11, 3.2e11, "change")
    before = claim("营收为3200亿元。", article=1, subject="Acme", topic="revenue")
    after = claim("营收为2900亿元。", article=1, subject="Acme", topic="revenue")
    assert crosscheck([before, after]) == []
    # The same two figures from two articles are two sources disagreeing.
    elsewhere = claim("营收为3200亿元。", article=2, subject="Acme", topic="revenue")
    [group] = crosscheck([after, elsewhere])
    assert group.verdict == "conflict"


def test_figures_of_one_list_or_respectively_are_never_compared():
    first = claim("两家公司营收分别为100亿元和200亿元。", article=3, surface="100亿元",
                  subject="Acme", topic="revenue")
    second = claim("两家公司营收分别为100亿元和200亿元。", article=3, surface="200亿元",
                   subject="Acme", topic="revenue")
    assert crosscheck([first, second]) == []


def test_a_change_from_to_is_never_judged_against_a_level():
    change = claim("营收从3200亿元降至2900亿元。", article=4, subject="Acme", topic="revenue")
    assert change.from_value == 3.2e11
    level = claim("营收为3200亿元。", article=5, subject="Acme", topic="revenue")
    assert crosscheck([change, level]) == []
    # Two from→to claims of two sources are compared (on the value after).
    other = claim("营收从3200亿元降至2500亿元。", article=6, subject="Acme", topic="revenue")
    [group] = crosscheck([change, other])
    assert group.statement == "change" and group.verdict == "conflict"



def test_a_dated_from_to_states_the_level_it_reached_that_day():
    # "fell from $142.62 to $118.51 by the end of Jan. 27": the price on Jan. 27.
    fell = claim("Nvidia shares fell from Jan. 24's closing price of $142.62 to $118.51 by the "
                 "end of Jan. 27.", article=1, published="2025-01-28")
    assert (fell.from_value, fell.topic, fell.period_start) == (142.62, "share_price",
                                                                date(2025, 1, 27))
    closed = claim("英伟达股价1月27日收于118.42美元。", article=2, published="2025-01-28")
    [group] = crosscheck([fell, closed])
    assert group.verdict == "conflict" and group.statement == "level"
    # Judged on the price it reached, not the one it fell from.
    [pair] = group.pairs
    assert "[118.505, 118.515]" in pair.reason, pair.reason



# --- Periods at their precision ---------------------------------------------------------


def test_two_months_are_two_facts_never_a_conflict():
    january = claim("2025年1月营收为100亿元。", article=1, subject="Acme", topic="revenue")
    february = claim("2025年2月营收为300亿元。", article=2, subject="Acme", topic="revenue")
    [group] = crosscheck([january, february])
    assert group.verdict == "not_compared" and not group.has_conflict
    assert group.pairs[0].reason == "different periods: 2025-01 and 2025-02"


def test_a_year_contains_its_months_so_they_are_compared():
    year = claim("2025年营收为100亿元。", article=1, subject="Acme", topic="revenue")
    january = claim("2025年1月营收为300亿元。", article=2, subject="Acme", topic="revenue")
    [group] = crosscheck([year, january])
    assert group.verdict == "conflict"


def test_overlapping_periods_neither_containing_the_other_are_not_one_fact():
    first = claim("营收为100亿元。", article=1, subject="Acme", topic="revenue",
                  period_start=date(2024, 7, 1), period_end=date(2025, 6, 30),
                  period_precision="unknown")
    second = claim("2025年营收为300亿元。", article=2, subject="Acme", topic="revenue")
    [group] = crosscheck([first, second])
    assert group.verdict == "not_compared"


# --- Subjects in any script, topics or measures, scopes ----------------------------------


def test_an_unlisted_subject_in_both_scripts_is_one_subject():
    simplified = claim("营收为100亿元。", article=1, subject="智谱华章", topic="revenue")
    # 人民幣: a bare 元 in traditional script without a region has no currency (issue 13).
    traditional = claim("營收為人民幣300億元。", article=2, subject="智譜華章", topic="revenue")
    [group] = crosscheck([simplified, traditional])
    assert group.subject == "智谱华章" and group.verdict == "conflict"
    english = [claim("Revenue was $10 billion.", article=3, subject="Zhipu AI", topic="revenue"),
               claim("Revenue was $30 billion.", article=4, subject="ZHIPU ai", topic="revenue")]
    assert crosscheck(english)[0].verdict == "conflict"


def test_two_unlisted_subjects_are_two_facts():
    one = claim("营收为100亿元。", article=1, subject="智谱华章", topic="revenue")
    other = claim("营收为300亿元。", article=2, subject="月之暗面", topic="revenue")
    assert crosscheck([one, other]) == []


def test_claims_about_no_named_subject_are_never_one_fact():
    one = claim("营收为100亿元。", article=1, subject=None, topic="revenue")
    other = claim("营收为300亿元。", article=2, subject=None, topic="revenue")
    assert crosscheck([one, other]) == []


def test_an_age_in_english_and_in_chinese_is_one_measure():
    # The measure a unit implies (年龄, age) is one measure whatever the language.
    english = claim("The 68-year-old Masayoshi Son said so.", article=1, subject="Son")
    chinese = claim("70岁的孙正义表示。", article=2, subject="Son")
    assert (english.measure, chinese.measure) == ("age", "年龄")
    assert fact_key(english) == fact_key(chinese)
    assert _verdicts(crosscheck([english, chinese])) == ["conflict"]


def test_a_subject_inferred_from_the_article_is_never_one_fact():
    # Two articles whose unnamed figures the extractor gave each article's main
    # subject: a reader's guess, never compared; stated in the text, they conflict.
    text = ("# 大S的生意经\n\n大S亏了5000万新台币。大S又亏了1亿新台币。\n\n"
            "2016年，花{}新台币买豪宅。")
    guessed = [c for c in extract_claims(text.format("4亿")) if c.subject_inferred]
    assert [(c.surface, c.subject) for c in guessed] == [("4亿新台币", "大S")]
    first = claim(text.format("4亿"), article=1, surface="4亿新台币", measure="豪宅")
    second = claim(text.format("6亿"), article=2, surface="6亿新台币", measure="豪宅")
    assert first.subject_inferred and second.subject_inferred
    assert crosscheck([first, second]) == []
    stated = [claim(text.format(v), article=a, surface=f"{v}新台币", measure="豪宅",
                    subject_inferred=False) for a, v in ((1, "4亿"), (2, "6亿"))]
    assert _verdicts(crosscheck(stated)) == ["conflict"]


def test_a_subject_that_only_repeats_the_measure_names_no_subject():
    # 入住率达到100% and 入住率为78% in two unrelated articles: the clause's topic
    # is its measure, which says what is counted, not whose.
    one = claim("入住率达到100%。", article=1, subject="入住率", topic=None, measure="入住率")
    other = claim("入住率为78%。", article=2, subject="入住率", topic=None, measure="入住率")
    assert crosscheck([one, other]) == []
    # A compound that does say whose (住户贷款) is still compared with itself.
    loans = [claim("住户贷款减少2170亿元。", article=3, subject="住户贷款", topic=None,
                   measure="贷款减少额"),
             claim("住户贷款减少1170亿元。", article=4, subject="住户贷款", topic=None,
                   measure="贷款减少额")]
    [group] = crosscheck(loans)
    assert group.verdict == "conflict"


def test_changes_measured_against_different_things_are_not_compared():
    # 同比增长62% and 环比增长22%: one revenue, two changes, never a conflict.
    yoy = claim("营收较去年同期成长62%。", article=1, subject="Nvidia")
    qoq = claim("营收较上一季成长22%。", article=2, subject="Nvidia")
    assert (yoy.base, qoq.base) == ("year on year", "period on period")
    [group] = crosscheck([yoy, qoq])
    [pair] = group.pairs
    assert pair.verdict == "not_compared" and "measured against" in pair.reason
    # The same basis on both sides (or on one side only) is still compared.
    other = claim("营收同比增长70%。", article=3, subject="Nvidia")
    unstated = claim("营收增长80%。", article=4, subject="Nvidia")
    verdicts = _verdicts(crosscheck([yoy, other, unstated]))
    assert verdicts.count("conflict") == 3


def test_without_a_topic_the_measure_as_written_says_what_is_measured():
    price = claim("股价为101美元。", article=1, subject="Acme", topic=None, measure="股价")
    trad = claim("股價為137美元。", article=2, subject="Acme", topic=None, measure="股價")
    [group] = crosscheck([price, trad])
    assert group.topic == "股价" and group.verdict == "conflict"
    cap = claim("市值为130美元。", article=3, subject="Acme", topic=None, measure="市值")
    assert crosscheck([price, cap]) == []
    bare = [claim("为100美元。", article=5, subject="Acme", topic=None),
            claim("为130美元。", article=6, subject="Acme", topic=None)]
    assert crosscheck(bare) == []  # nothing says what they measure


def test_a_rank_on_two_charts_is_two_facts():
    us = claim("排名第一。", article=1, subject="DeepSeek", topic="ranking",
               scope="美国App Store免费榜")
    trad = claim("排名第三。", article=2, subject="DeepSeek", topic="ranking",
                 scope="美國App Store免費榜")
    [group] = crosscheck([us, trad])
    assert group.scope == "美国App Store免费榜" and group.verdict == "conflict"
    china = claim("排名第三。", article=3, subject="DeepSeek", topic="ranking",
                  scope="中国App Store免费榜")
    unstated = claim("排名第三。", article=4, subject="DeepSeek", topic="ranking")
    assert crosscheck([us, china]) == []
    assert crosscheck([us, unstated]) == []
    # A place said of no list states no fact: not even against another such place.
    also_unstated = claim("排名第一。", article=5, subject="DeepSeek", topic="ranking")
    assert crosscheck([unstated, also_unstated]) == []
    assert fact_key(unstated) is None and fact_key(us) is not None


def test_a_rank_counted_only_in_a_whole_names_no_list():
    # 全国第一 in GDP and 全国第三 in population are two rankings: a scope that only says
    # the whole (全国, 世界) is shown, but compares nothing.
    gdp = claim("2025年广东省GDP排名全国第一。", article=1, surface="第一")
    people = claim("2025年广东省人口排名全国第三。", article=2, surface="第三")
    assert gdp.scope == people.scope == "全国"
    assert fact_key(gdp) is None and crosscheck([gdp, people]) == []


# --- Dates of one event -------------------------------------------------------------------


def test_two_sources_dating_one_founding_differently_is_a_date_conflict():
    march = claim("该公司成立于2023年3月。", article=1, subject="月之暗面", topic="founding_date")
    july = claim("该公司成立于2023年7月。", article=2, subject="月之暗面", topic="founding_date")
    [group] = crosscheck([march, july])
    assert group.verdict == "date_conflict" and group.has_conflict
    [pair] = group.pairs
    assert pair.gap == 92 and "92 days apart" in pair.reason  # 2023-03-31 to 2023-07-01
    assert conflicting_claim_ids([group]) == {march.id, july.id}


def test_a_month_containing_the_day_is_consistent():
    month = claim("该公司成立于2023年3月。", article=1, subject="月之暗面", topic="founding_date")
    day = claim("该公司于2023年3月20日成立。", article=2, subject="月之暗面",
                topic="founding_date")
    [group] = crosscheck([month, day])
    assert group.verdict == "consistent_rounding" and not group.has_conflict


def test_one_day_apart_is_a_date_conflict_of_one_day():
    a = claim("DeepSeek released R1 on January 27, 2025.", article=1, subject="DeepSeek-R1",
              topic="release_date")
    b = claim("DeepSeek released R1 on January 28, 2025.", article=2, subject="DeepSeek-R1",
              topic="release_date")
    verdict = verdict_for(a, b)
    assert (verdict.verdict, verdict.gap) == ("date_conflict", 1.0)
    assert "1 day apart" in verdict.reason


def test_one_record_dated_on_two_days_is_a_date_conflict():
    # The case: the same record one-day drop, dated on two different days.
    monday = claim("Nvidia shares fell 17% on Monday, Jan. 27, the biggest one-day drop on "
                   "record.", article=1, published="2025-02-03")
    tuesday = claim("Nvidia's record one-day drop of 17% came on Jan. 28.", article=2,
                    published="2025-02-03")
    chinese = claim("1月28日，英伟达股价暴跌17%，创下美国股市史上最大单日跌幅。", article=3,
                    published="2025-02-03", surface="17%")
    assert (monday.scope, tuesday.scope, chinese.scope) == ("on record", "record", "史上最大")
    assert (monday.period_start, tuesday.period_start) == (date(2025, 1, 27), date(2025, 1, 28))
    [group] = crosscheck([monday, tuesday])
    assert group.verdict == "date_conflict" and group.has_conflict
    [pair] = group.pairs
    assert pair.gap == 1 and "one record" in pair.reason and "1 day apart" in pair.reason
    [group] = crosscheck([monday, chinese])
    assert group.verdict == "date_conflict"
    # Agreeing dates are no conflict; the same record day is one fact.
    assert crosscheck([tuesday, chinese])[0].verdict in ("same", "consistent_rounding")


def test_records_of_different_figures_or_unmarked_figures_are_two_facts():
    # A record of a period recurs (a record quarter each quarter): figures that differ,
    # dated apart, are two records, not one dated differently.
    q3 = claim("Acme posted record revenue of $35 billion in the third quarter of 2024.",
               article=1, subject="Acme", topic="revenue")
    q4 = claim("Acme posted record revenue of $39 billion in the fourth quarter of 2024.",
               article=2, subject="Acme", topic="revenue")
    assert q3.scope == q4.scope == "record"
    assert not any(group.has_conflict for group in crosscheck([q3, q4]))
    # Two falls of 17% on two days, neither called a record, are two facts.
    first = claim("Nvidia shares fell 17% on Jan. 27.", article=1, published="2025-02-03")
    second = claim("Nvidia shares fell 17% on Jan. 28.", article=2, published="2025-02-03")
    assert not any(group.has_conflict for group in crosscheck([first, second]))
    # A record is the same fact as the figure stated without the word (one grouping).
    assert fact_key(first) == fact_key(claim(
        "Nvidia shares fell 17% on Jan. 27, a record.", article=3, published="2025-02-03"))


# --- "As of" levels -----------------------------------------------------------------------


def test_levels_of_an_as_of_topic_two_months_apart_are_a_change_over_time():
    january = claim("英伟达市值为3.4万亿美元。", article=1, published="2025-01-24",
                    subject="Nvidia", topic="market_value")
    april = claim("英伟达市值为2.9万亿美元。", article=2, published="2025-04-28",
                  subject="Nvidia", topic="market_value")
    [group] = crosscheck([january, april], as_of={"market_value"})
    assert group.verdict == "not_compared" and not group.has_conflict
    assert group.pairs[0].reason == ("different dates: reported by 2025-01-24 and reported by "
                                     "2025-04-28 (a change over time, not a conflict)")
    # Without the flag the same two figures, of no stated period, conflict.
    assert crosscheck([january, april])[0].verdict == "conflict"


def test_levels_of_an_as_of_topic_reported_within_a_month_are_compared():
    # News reports the days before it: figures without a date, reported four days
    # apart, may state one fact.
    friday = claim("英伟达市值为3.4万亿美元。", article=1, published="2025-01-24",
                   subject="Nvidia", topic="market_value")
    tuesday = claim("英伟达市值为2.9万亿美元。", article=2, published="2025-01-28",
                    subject="Nvidia", topic="market_value")
    [group] = crosscheck([friday, tuesday], as_of={"market_value"})
    assert group.verdict == "conflict"
    # A stated period wins over the article's date: March is not January's month.
    stated = claim("2025年3月2日英伟达市值为2.9万亿美元。", article=3, published="2025-03-05",
                   subject="Nvidia", topic="market_value")
    [group] = crosscheck([friday, stated], as_of={"market_value"})
    assert "different dates: reported by 2025-01-24 and 2025-03-02" in group.pairs[0].reason


def test_a_time_varying_figure_of_an_undated_article_is_compared_with_nothing():
    undated = claim("英伟达市值为3.4万亿美元。", article=1, subject="Nvidia", topic="market_value")
    undated.article.published = None
    dated = claim("英伟达市值为2.9万亿美元。", article=2, published="2025-01-28",
                  subject="Nvidia", topic="market_value")
    [group] = crosscheck([undated, dated], as_of={"market_value"})
    assert group.verdict == "not_compared"
    assert "no publication date" in group.pairs[0].reason


# --- The as_of flag in topics.yaml ----------------------------------------------------------


def test_topics_yaml_may_mark_a_topic_as_of_and_checks_the_value(tmp_path):
    import shutil

    import pytest

    from claimtrack.errors import DataFileError
    from claimtrack.taxonomy import as_of_topics, load_taxonomy
    from tests.conftest import REPO

    shutil.copytree(REPO / "data", tmp_path / "data")
    topics = tmp_path / "data" / "topics.yaml"
    text = topics.read_text(encoding="utf-8").replace("    as_of: true\n", "")
    topics.write_text(text, encoding="utf-8")
    assert as_of_topics(tmp_path / "data") == frozenset()  # default: false
    flagged = text.replace("  - key: market_value\n", "  - key: market_value\n    as_of: true\n")
    topics.write_text(flagged, encoding="utf-8")
    assert as_of_topics(tmp_path / "data") == {"market_value"}
    assert load_taxonomy(tmp_path / "data").topic("market_value").as_of
    topics.write_text(flagged.replace("as_of: true", "as_of: sometimes"), encoding="utf-8")
    with pytest.raises(DataFileError, match="as_of"):
        as_of_topics(tmp_path / "data")


def test_two_figures_of_one_sentence_printed_by_two_articles_are_never_compared():
    # A repost: both articles print the sentence; its two figures are not two sources.
    text = "该公司营收为100亿元，利润为20亿元。"
    revenue = claim(text, article=1, surface="100亿元", subject="Acme", topic="revenue")
    profit = claim(text, article=2, surface="20亿元", subject="Acme", topic="revenue")
    assert crosscheck([revenue, profit]) == []
    # The same figure printed twice is still one figure stated by two articles.
    again = claim(text, article=2, surface="100亿元", subject="Acme", topic="revenue")
    [group] = crosscheck([revenue, again])
    assert group.verdict == "same"


# --- Places: broad subjects ----------------------------------------------------------------


def test_figures_of_a_place_are_one_fact_only_on_one_topic_worded_alike():
    births = claim("2023年全国出生人口为902万人。", article=1, subject="China", topic="population",
                   measure="出生人口")
    elderly = claim("2023年全国老年人口为2.97亿人。", article=2, subject="China",
                    topic="population", measure="老年人口")
    [group] = crosscheck([births, elderly], places={"China"})
    assert group.verdict == "not_compared" and "worded differently" in group.pairs[0].reason
    # The same wording is one fact: two sources that disagree conflict.
    other = claim("2023年出生人口为950万人。", article=3, subject="China", topic="population",
                  measure="出生人口")
    [group] = crosscheck([births, other], places={"China"})
    assert group.verdict == "conflict"
    # A company is not a place: its topic words in two phrasings are one fact.
    assert crosscheck([births, elderly])[0].verdict == "conflict"


def test_a_place_and_a_measure_no_topic_names_are_never_one_fact():
    first = claim("全国有18个城市参与调查。", article=1, subject="China", topic=None,
                  measure="年龄")
    second = claim("全国有33家医院参与调查。", article=2, subject="China", topic=None,
                   measure="年龄")
    [group] = crosscheck([first, second], places={"china"})
    assert group.verdict == "not_compared" and "too broad" in group.pairs[0].reason


# --- Dates of events that recur ------------------------------------------------------------


def test_dates_whose_event_no_topic_names_are_never_compared():
    # 出版 names no topic of data/topics.yaml: a journal's issues come out on many days.
    first = claim("2024年3月28日出版的《科学》杂志报道了它。", article=1, subject="Science")
    second = claim("2024年11月21日出版的《科学》杂志报道了它。", article=2, subject="Science")
    assert (first.kind, first.topic, first.measure) == ("date", None, "出版")
    assert crosscheck([first, second]) == []
    # A date whose event a topic names (成立: founding_date) is one fact, and two
    # sources that date it differently conflict.
    founded = claim("该公司于2015年成立。", article=1, subject="Acme")
    again = claim("该公司于2016年成立。", article=2, subject="Acme")
    assert founded.topic == "founding_date"
    assert [group.verdict for group in crosscheck([founded, again])] == ["date_conflict"]


def test_the_dated_events_of_a_place_are_many_events():
    first = claim("2015年，中国宣布了这项计划。", article=1, subject="China")
    second = claim("2008年，中国宣布了另一项计划。", article=2, subject="China")
    assert first.topic == second.topic == "announcement_date"
    assert crosscheck([first, second], places={"China"}) == []
    # Of a company, dates seven years apart are two announcements (a company announces
    # many things: lang/facts.yaml recurring_event_topics) …
    groups = crosscheck([first, second])
    assert [p.verdict for g in groups for p in g.pairs] == ["not_compared"]
    assert "not one event dated twice" in groups[0].pairs[0].reason
    # … and dates a month apart one announcement dated twice.
    march = claim("2015年3月，该公司宣布了这项计划。", article=3, subject="Tesla")
    april = claim("2015年4月，该公司宣布了这项计划。", article=4, subject="Tesla")
    assert march.topic == april.topic == "announcement_date"
    assert [p.verdict for g in crosscheck([march, april]) for p in g.pairs] == \
        ["date_conflict"]
    # A founding happens once, however far apart its dates.
    founded = claim("该公司成立于2008年。", article=5, subject="Tesla")
    refounded = claim("该公司成立于2015年。", article=6, subject="Tesla")
    assert founded.topic == refounded.topic == "founding_date"
    assert [p.verdict for g in crosscheck([founded, refounded]) for p in g.pairs] == \
        ["date_conflict"]


def test_a_chipmakers_process_nodes_are_many_figures_not_one_fact():
    # 7nm芯片 is a process node, not the compute 芯片 names (lang/units.yaml
    # unit_topics), and a chipmaker has several at once (lang/facts.yaml
    # many_valued_topics): two sources naming 7nm and 5nm do not conflict.
    seven = claim("华为已能制造7nm芯片。", article=1, subject="Huawei")
    five = claim("华为的这些芯片多数是5nm工艺。", article=2, subject="Huawei")
    assert seven.topic == five.topic == "process_node"
    groups = crosscheck([seven, five])
    assert [p.verdict for g in groups for p in g.pairs] == ["not_compared"]
    assert "many process nodes at once" in groups[0].pairs[0].reason
    # The same node stated twice is still the same figure, in any script.
    again = claim("華為已經能製造7納米晶片。", article=3, subject="Huawei")
    assert [p.verdict for g in crosscheck([seven, again]) for p in g.pairs] == ["same"]
    three = claim("TSMC makes 3nm chips for Apple.", article=4, subject="TSMC")
    older = claim("Most of TSMC's revenue comes from 5nm chips.", article=5, subject="TSMC")
    assert three.topic == older.topic == "process_node"
    assert [p.verdict for g in crosscheck([three, older]) for p in g.pairs] == ["not_compared"]


def test_a_year_before_china_is_the_year_not_its_middle():
    [found] = extract_claims("2008年中国宣布了四万亿计划。", published=date(2025, 4, 10))
    assert (found.surface, found.iso) == ("2008年", "2008")


def test_a_rate_per_unit_of_time_is_not_the_fact_of_a_total():
    # Japan's 2023 births: a year's total in one article, the same births a day in
    # another (2,055 a day), and the year's total again in a third.
    year = claim("2023年，日本新生儿数量为758631人。", article=1)
    per_day = claim("2023年，日本新生儿数量是75万，换算到每天，就是2055人。", article=2,
                    surface="2055人", subject="Japan")
    rounded = claim("2023年，日本新生儿数量是75万，换算到每天，就是2055人。", article=2,
                    surface="75万")
    assert per_day.base == "per day" and year.base is None and rounded.base is None
    assert per_day.topic == year.topic == rounded.topic == "population"
    assert per_day.subject == year.subject == rounded.subject == "Japan"
    groups = crosscheck([year, per_day, rounded])
    compared = {frozenset((p.a, p.b)) for g in groups for p in g.pairs}
    assert frozenset((year.id, rounded.id)) in compared
    assert not any(per_day.id in pair for pair in compared)
    # Two rates per day of one fact are compared with each other.
    other_day = claim("日本2023年每天出生2500人。", article=3, surface="2500人",
                      subject=per_day.subject, topic=per_day.topic)
    assert other_day.base == "per day"
    groups = crosscheck([per_day, other_day])
    assert [p.verdict for g in groups for p in g.pairs] == ["conflict"]


def test_totals_over_a_year_and_a_month_are_two_facts():
    """34 articles written in 2024 and 32 in July 2024 disagree about nothing: a level of
    a measure no topic names may be a total over its period, so it is one fact only at
    one precision (a year's count is not a month's). A topic's levels keep containment
    (test_a_year_contains_its_months_so_they_are_compared)."""
    year = claim("2024年，我共更新34篇文章。", article=1, subject="槽边往事")
    month = claim("2024年7月，我共更新32篇文章。", article=2, subject="槽边往事")
    assert (year.period_precision, month.period_precision) == ("year", "month")
    assert year.measure == month.measure and not year.topic
    [group] = crosscheck([year, month])
    [pair] = group.pairs
    assert pair.verdict == "not_compared" and "totals over different periods" in pair.reason
    also_july = claim("2024年7月，我共更新30篇文章。", article=3, subject="槽边往事")
    assert "conflict" in _verdicts(crosscheck([month, also_july]))


def test_a_part_and_the_whole_are_two_facts():
    # 追加投资 (an additional investment) is a part of the investment, in either script.
    whole = claim("软银对OpenAI的投资为400亿美元。", article=1, subject="OpenAI",
                  topic="investment")
    part = claim("軟銀完成了225億美元追加投資。", article=2, subject="OpenAI",
                 topic="investment", measure="追加投資")
    [group] = crosscheck([whole, part])
    assert group.verdict == "not_compared" and not group.has_conflict
    assert group.pairs[0].reason.startswith("a part and the whole")


def test_two_claims_of_one_qualified_measure_are_still_compared():
    first = claim("软银的追加投资为225亿美元。", article=1, subject="OpenAI",
                  topic="investment", measure="追加投资")
    second = claim("軟銀的追加投資為300億美元。", article=2, subject="OpenAI",
                   topic="investment", measure="追加投資")
    [group] = crosscheck([first, second])
    assert group.verdict == "conflict"


def test_a_figure_over_several_years_is_no_fact_of_one_of_them():
    # A total over 2013-2019 is a fact of its own: 2019's figure is not part of it, and
    # the two are never flagged against each other; the same span in two sources is one.
    span = claim("从2013年到2019年，恒大亏损总额达70多亿元。", article=1, surface="70多亿元",
                 subject="Evergrande", topic="profit")
    year = claim("2019年恒大利润为407亿元。", article=2, surface="407亿元",
                 subject="Evergrande", topic="profit")
    assert (span.period_start, span.period_end) == (date(2013, 1, 1), date(2019, 12, 31))
    assert _verdicts(crosscheck([span, year])) == ["not_compared"]
    again = claim("2013年至2019年，恒大亏损总额达20亿元。", article=3, surface="20亿元",
                  subject="Evergrande", topic="profit")
    [group] = crosscheck([span, again])
    assert group.verdict == "conflict"
    # A year still holds its months: one fact at the precision each states.
    month = claim("2019年3月恒大利润为100亿元。", article=4, surface="100亿元",
                  subject="Evergrande", topic="profit")
    assert [pair.verdict for group in crosscheck([year, month]) for pair in group.pairs] == [
        "conflict"]
