"""The spec runner (tests/test_specs.py) itself, checked against fake engines.

Until the extraction engine exists every spec case fails with
NotImplementedError, so these tests show that the runner would catch a wrong
value, a missing claim, an extra claim and the other mistakes, that it passes an
engine that returns exactly what the specs say, and that a broken spec file is
reported with its file, line and case.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import claimtrack.extract as extract_module
from claimtrack.schemas import Claim
from tests import test_specs as runner

Failed = pytest.fail.Exception

SPEC = """\
cases:
  - input: "训练成本为558万美元,不到GPT-4o的1/20。"
    published: 2025-02-01
    author: 徐瑾
    claims:
      - surface: "558万美元"
        kind: money
        value: 5580000
        unit: USD
      - surface: "1/20"
        kind: ratio
        value: 0.05
        qualifier: upper_bound
        low: null
    not_claims: ["GPT-4o"]
"""


def make_claim(text: str, surface: str, occurrence: int = 1, **fields: Any) -> Claim:
    start = -1
    for _ in range(occurrence):
        start = text.index(surface, start + 1)
    fields.setdefault("kind", "count")
    return Claim(start=start, end=start + len(surface), surface=surface, sentence=text, **fields)


def load(tmp_path: Path, text: str, name: str = "money") -> list[runner.LoadedCase]:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return runner.load_spec_file(path, "zh-Hans", name)


@pytest.fixture
def case(tmp_path: Path) -> runner.LoadedCase:
    return load(tmp_path, SPEC)[0]


def right_claims(text: str) -> list[Claim]:
    return [
        make_claim(text, "558万美元", kind="money", value=5580000.0, unit="USD"),
        make_claim(text, "1/20", kind="ratio", value=0.05, qualifier="upper_bound", high=0.05),
    ]


def fake_engine(monkeypatch: pytest.MonkeyPatch, claims: list[Claim]) -> list[dict[str, Any]]:
    """Put an engine returning ``claims`` in place of extract_claims; returns its calls."""
    calls: list[dict[str, Any]] = []

    def extract_claims(text: str, **kwargs: Any) -> list[Claim]:
        calls.append({"text": text, **kwargs})
        return list(claims)

    monkeypatch.setattr(extract_module, "extract_claims", extract_claims)
    return calls


# --- The runner on one case ---------------------------------------------------


def test_right_claims_pass_and_the_engine_gets_lang_published_and_author(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    calls = fake_engine(monkeypatch, right_claims(case.case.input))
    runner.run_case(case)
    assert calls == [
        {
            "text": case.case.input,
            "lang": "zh-Hans",
            "published": date(2025, 2, 1),
            "author": "徐瑾",
        }
    ]


def test_a_wrong_value_fails(monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase) -> None:
    claims = right_claims(case.case.input)
    claims[0] = claims[0].model_copy(update={"value": 558.0})
    fake_engine(monkeypatch, claims)
    with pytest.raises(Failed, match=r"'558万美元': value: expected 5580000.0, got 558.0"):
        runner.run_case(case)


def test_a_missing_claim_fails(monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase) -> None:
    fake_engine(monkeypatch, right_claims(case.case.input)[:1])
    with pytest.raises(Failed, match=r"missing claim '1/20'"):
        runner.run_case(case)


def test_a_claim_at_another_span_is_missing_and_shown(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    text = case.case.input
    claims = right_claims(text)
    claims[0] = make_claim(text, "558万", kind="money", value=5580000.0)
    fake_engine(monkeypatch, claims)
    with pytest.raises(Failed, match=r"missing claim '558万美元'.*overlapping: '558万'") as info:
        runner.run_case(case)
    assert "unexpected claim '558万'" in str(info.value)


def test_an_extra_claim_fails_when_exhaustive(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    text = case.case.input
    fake_engine(monkeypatch, [make_claim(text, "训练", value=1.0), *right_claims(text)])
    with pytest.raises(Failed, match=r"unexpected claim '训练' \[0, 2\)"):
        runner.run_case(case)


def test_an_extra_claim_passes_when_not_exhaustive(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    loaded = load(
        tmp_path, SPEC.replace("    not_claims:", "    exhaustive: false\n    not_claims:")
    )[0]
    text = loaded.case.input
    claims = [make_claim(text, "训练", value=1.0), *right_claims(text)]
    fake_engine(monkeypatch, claims)
    runner.run_case(loaded)


def test_a_claim_overlapping_a_not_claim_fails_even_when_not_exhaustive(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    loaded = load(
        tmp_path, SPEC.replace("    not_claims:", "    exhaustive: false\n    not_claims:")
    )[0]
    text = loaded.case.input
    claims = [*right_claims(text), make_claim(text, "4o", value=4.0)]
    claims.sort(key=lambda c: c.start)
    fake_engine(monkeypatch, claims)
    with pytest.raises(Failed, match=r"not_claims 'GPT-4o' at \[\d+, \d+\) overlaps '4o'"):
        runner.run_case(loaded)


def test_a_stated_null_is_checked(monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase) -> None:
    claims = right_claims(case.case.input)
    claims[1] = claims[1].model_copy(update={"low": 0.0})
    fake_engine(monkeypatch, claims)
    with pytest.raises(Failed, match=r"'1/20': low: expected None, got 0.0"):
        runner.run_case(case)


def test_fields_the_spec_leaves_out_are_not_checked(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    claims = right_claims(case.case.input)
    claims[0] = claims[0].model_copy(
        update={"unit_text": "美元", "precision": 10000.0, "speaker": "Xu Jin", "topic": "price"}
    )
    fake_engine(monkeypatch, claims)
    runner.run_case(case)


def test_floats_compare_with_a_relative_tolerance(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    claims = right_claims(case.case.input)
    claims[1] = claims[1].model_copy(update={"value": 1 / 20 * (1 + 1e-12)})
    fake_engine(monkeypatch, claims)
    runner.run_case(case)
    claims[1] = claims[1].model_copy(update={"value": 0.0500001})
    fake_engine(monkeypatch, claims)
    with pytest.raises(Failed, match="value: expected 0.05"):
        runner.run_case(case)


def test_a_surface_that_is_not_the_span_fails(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    claims = right_claims(case.case.input)
    claims[0] = claims[0].model_copy(update={"surface": "558万元"})
    fake_engine(monkeypatch, claims)
    with pytest.raises(Failed, match=r"surface '558万元' is not text\[5:11\] = '558万美元'"):
        runner.run_case(case)


def test_a_span_outside_the_text_fails(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    text = case.case.input
    claims = [*right_claims(text), Claim(start=90, end=95, surface="x", sentence="", kind="count")]
    fake_engine(monkeypatch, claims)
    with pytest.raises(Failed, match=r"bad span: 'x' \[90, 95\)"):
        runner.run_case(case)


def test_claims_out_of_text_order_fail(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    fake_engine(monkeypatch, right_claims(case.case.input)[::-1])
    with pytest.raises(Failed, match="claims are not in text order"):
        runner.run_case(case)


def test_dates_compare_as_iso_days(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        """\
cases:
  - input: "1月27日,英伟达股价暴跌17%。"
    published: 2025-01-28
    claims:
      - surface: "17%"
        period_start: 2025-01-27
        period_end: "2025-01-27"
""",
    )[0]
    text = loaded.case.input
    right = make_claim(
        text, "17%", kind="percent", period_start=date(2025, 1, 27), period_end=date(2025, 1, 27)
    )
    fake_engine(monkeypatch, [right])
    runner.run_case(loaded)
    fake_engine(monkeypatch, [right.model_copy(update={"period_end": date(2025, 1, 31)})])
    with pytest.raises(Failed, match=r"period_end: expected datetime.date\(2025, 1, 27\)"):
        runner.run_case(loaded)


def test_occurrence_selects_the_repeated_surface(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    loaded = load(
        tmp_path,
        """\
cases:
  - input: "去年营收增长17%,今年又增长17%。"
    exhaustive: false
    claims:
      - surface: "17%"
        occurrence: 2
        value: 17
""",
    )[0]
    text = loaded.case.input
    fake_engine(monkeypatch, [make_claim(text, "17%", 1, kind="percent", value=17.0)])
    with pytest.raises(Failed, match=r"missing claim '17%' \(occurrence 2\)"):
        runner.run_case(loaded)
    fake_engine(monkeypatch, [make_claim(text, "17%", 2, kind="percent", value=17.0)])
    runner.run_case(loaded)


def test_a_result_that_is_not_a_list_of_claims_fails(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    monkeypatch.setattr(extract_module, "extract_claims", lambda text, **kwargs: None)
    with pytest.raises(Failed, match="must return a list of Claim"):
        runner.run_case(case)


def test_an_engine_that_raises_is_not_caught(
    monkeypatch: pytest.MonkeyPatch, case: runner.LoadedCase
) -> None:
    def extract_claims(text: str, **kwargs: Any) -> list[Claim]:
        raise NotImplementedError("the extraction engine is being written")

    monkeypatch.setattr(extract_module, "extract_claims", extract_claims)
    with pytest.raises(NotImplementedError):
        runner.run_case(case)


# --- Every shipped spec against an engine that knows the answers -------------------


def claims_from_spec(case: runner.SpecCase) -> list[Claim]:
    """The claims an engine must return for ``case``, with the stated fields set."""
    claims = []
    for expected, (start, end) in zip(case.claims, case.expected_spans(), strict=True):
        fields = {name: getattr(expected, name) for name in expected.checked_fields()}
        fields.setdefault("kind", "count")
        fields.setdefault("sentence", case.input)
        claims.append(Claim(start=start, end=end, surface=expected.surface, **fields))
    return claims


def test_every_shipped_case_passes_an_engine_that_returns_its_claims(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases, broken = runner.collect()
    assert not broken
    assert len(cases) >= 250
    for loaded in cases:
        fake_engine(monkeypatch, claims_from_spec(loaded.case))
        runner.run_case(loaded)


def test_every_shipped_case_fails_an_engine_that_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_engine(monkeypatch, [])
    for loaded in runner.collect()[0]:
        if loaded.case.claims:
            with pytest.raises(Failed, match="missing claim"):
                runner.run_case(loaded)


def test_xfail_cases_are_marked_strict(tmp_path: Path) -> None:
    loaded = load(tmp_path, SPEC + '    xfail: "a known gap"\n')
    (param,) = runner.case_params(loaded)
    (mark,) = param.marks
    assert mark.name == "xfail"
    assert mark.kwargs == {"strict": True, "reason": "a known gap"}
    assert param.id == "zh-Hans/money#1"


# --- Spec files that are wrong ---------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("value: 5580000", "vaule: 5580000"), r"claims\.0\.vaule: Extra inputs are not permitted"),
        (("    author: 徐瑾", "    auther: 徐瑾"), r"auther: Extra inputs are not permitted"),
        (("kind: money", "kind: cash"), r"claims\.0\.kind: Input should be"),
        (('surface: "558万美元"', 'surface: "558万元"'), r"surface '558万元' is not in the input"),
        (('["GPT-4o"]', '["GPT-5"]'), r"not_claims 'GPT-5' is not in the input"),
        (('["GPT-4o"]', '["1/20"]'), r"not_claims '1/20' overlaps the expected claim '1/20'"),
        (("unit: USD", "unit: USD\n        topic: cost"), r"'cost' is not a topic key"),
        (("unit: USD", "unit: USD\n        subject: 英伟达"), r"'英伟达' is not a canonical name"),
        (("published: 2025-02-01", 'published: "2025-02"'), r"write published as an unquoted"),
        (("unit: USD", "unit: USD\n        unit: CNY"), r"money.yaml:12: key 'unit' given twice"),
    ],
)
def test_a_broken_case_names_the_file_line_and_case(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    old, new = edit
    assert old in SPEC
    text = 'cases:\n  - input: "首个案例没有数字。"\n    claims: []\n' + SPEC.removeprefix(
        "cases:\n"
    ).replace(old, new, 1)
    with pytest.raises(runner.SpecFileError, match=message) as info:
        load(tmp_path, text)
    if "given twice" not in message:
        assert str(info.value).startswith("money.yaml:4: case #2 (cases[1]): ") or str(
            info.value
        ).startswith(f"{tmp_path / 'money.yaml'}:4: case #2 (cases[1]): ")


def test_a_repeated_surface_needs_an_occurrence(tmp_path: Path) -> None:
    spec = """\
cases:
  - input: "去年营收增长17%,今年又增长17%。"
    claims:
      - surface: "17%"
      - surface: "17%"
        occurrence: 2
"""
    with pytest.raises(runner.SpecFileError, match="occurs 2 times in the input: add occurrence"):
        load(tmp_path, spec)
    load(
        tmp_path,
        spec.replace(
            '      - surface: "17%"\n      - ',
            '      - surface: "17%"\n        occurrence: 1\n      - ',
        ),
    )


def test_claims_out_of_order_in_a_spec_are_an_error(tmp_path: Path) -> None:
    spec = """\
cases:
  - input: "营收增长17%,利润增长9%。"
    claims:
      - surface: "9%"
      - surface: "17%"
"""
    with pytest.raises(runner.SpecFileError, match="not in text order"):
        load(tmp_path, spec)


def test_a_spec_file_without_cases_or_with_other_keys_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(runner.SpecFileError, match="cases: Field required"):
        load(tmp_path, "case: []\n")
    with pytest.raises(runner.SpecFileError, match="cases: List should have at least 1 item"):
        load(tmp_path, "cases: []\n")
    with pytest.raises(runner.SpecFileError, match="cannot read"):
        load(tmp_path, "cases: [\n")


def test_two_cases_with_the_same_input_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(runner.SpecFileError, match=r"case #2 .*the same input as case #1"):
        load(tmp_path, SPEC + SPEC.removeprefix("cases:\n"))
