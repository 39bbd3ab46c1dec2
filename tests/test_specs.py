"""Spec-driven tests of claim extraction: tests/specs/<lang>/<kind>.yaml, one test per case.

In the spirit of Microsoft Recognizers-Text's Specs: each case is an input sentence
and the complete list of claims ``claimtrack.extract.extract_claims`` must find in
it. The format is described at the top of every spec file; in short::

    cases:
      - input: "輝達股價暴跌17%。"
        published: 2025-01-28          # optional, resolves 今年 / last month
        author: 某作者                   # optional, the speaker of unattributed figures
        claims:                         # every claim in the input, in text order
          - surface: "17%"              # text[start:end]; occurrence: N if it repeats
            value: 17                   # only the fields listed are checked
        not_claims: ["..."]             # substrings no claim may overlap
        exhaustive: true                # default: no other claims may be returned
        xfail: "reason"                 # a known gap: the case must fail (strict)

Test ids are ``<lang>/<kind>#<n>`` with n counted from 1 in the file
(``zh-Hans/money#3`` is the third case of tests/specs/zh-Hans/money.yaml).
Each spec file is validated before any case runs (pydantic, no unknown keys,
surfaces present in the input, subjects and topics named in data/); a broken
file is one failing test naming the file, line and case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

import claimtrack.extract as extract_module
from claimtrack.lang.hanzi import alias_key
from claimtrack.schemas import Claim
from claimtrack.taxonomy import load_taxonomy

SPEC_DIR = Path(__file__).resolve().parent / "specs"
LANGUAGES = ("zh-Hans", "zh-Hant", "en")
KINDS = (
    "numbers",
    "money",
    "percent",
    "count_duration_quantity",
    "qualifiers",
    "direction",
    "dates_periods",
    "speakers",
    "subjects_topics",
    "not_claims",
    "number_forms",
)

ClaimKind = Literal["money", "percent", "count", "ratio", "duration", "date", "quantity"]
Qualifier = Literal["exact", "approx", "upper_bound", "lower_bound", "range"]
Direction = Literal["increase", "decrease", "none"]
PeriodPrecision = Literal["day", "month", "quarter", "year", "unknown"]

# Fields of an expected claim that say which returned claim it is, not what it must hold.
IDENTITY_FIELDS = frozenset({"surface", "occurrence"})
FLOAT_FIELDS = frozenset({"value", "low", "high", "precision", "from_value"})
DATE_FIELDS = frozenset({"period_start", "period_end", "said_on"})
REL_TOL = 1e-9


# --- The spec format ------------------------------------------------------------


def _occurrences(text: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``text``, overlapping matches included."""
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


class ExpectedClaim(BaseModel):
    """One claim a case expects. Only the fields written in the spec are checked."""

    model_config = ConfigDict(extra="forbid")

    surface: str = Field(min_length=1)
    occurrence: int = Field(default=1, ge=1)
    kind: ClaimKind | None = None
    value: float | None = None
    unit: str | None = None
    unit_text: str | None = None
    qualifier: Qualifier | None = None
    low: float | None = None
    high: float | None = None
    precision: float | None = None
    direction: Direction | None = None
    iso: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_precision: PeriodPrecision | None = None
    subject: str | None = None
    subject_inferred: bool | None = None
    topic: str | None = None
    speaker: str | None = None
    attribution: str | None = None
    statement: Literal["level", "change", "share", "comparison", "forecast"] | None = None
    measure: str | None = None
    speaker_role: str | None = None
    scope: str | None = None
    base: str | None = None
    from_value: float | None = None
    said_on: date | None = None
    sentence: str | None = None

    @field_validator("iso", mode="before")
    @classmethod
    def _iso_as_text(cls, value: Any) -> Any:
        # YAML reads an unquoted 2025-01-20 as a date and 2025 as a number.
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("subject")
    @classmethod
    def _known_entity(cls, value: str | None, info: ValidationInfo) -> str | None:
        # A subject is a canonical name of data/entities.yaml, or a name the entity
        # data does not know, as the input writes it (open vocabulary: 彭文生, 美光科技).
        # Another name of a known entity (英伟达 for Nvidia) is an error: the engine
        # gives the canonical one.
        context = info.context or {}
        entities, aliases = context.get("entities"), context.get("aliases") or {}
        if value is not None and entities is not None and value not in entities:
            canonical = aliases.get(alias_key(value))
            if canonical is not None:
                raise ValueError(f"{value!r} is not a canonical name in data/entities.yaml "
                                 f"(write {canonical!r})")
        return value

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, value: str | None, info: ValidationInfo) -> str | None:
        topics = (info.context or {}).get("topics")
        if value is not None and topics is not None and value not in topics:
            raise ValueError(f"{value!r} is not a topic key in data/topics.yaml")
        return value

    def checked_fields(self) -> list[str]:
        """The fields the spec states (null included), in declaration order."""
        stated = self.model_fields_set - IDENTITY_FIELDS
        return [name for name in type(self).model_fields if name in stated]


class SpecCase(BaseModel):
    """One input and everything extract_claims must (and must not) find in it."""

    model_config = ConfigDict(extra="forbid")

    input: str = Field(min_length=1)
    published: date | None = None
    author: str | None = None
    # The article's language tag with its region (zh-Hant-TW), given as lang, and a
    # sidecar's currency: both say what a bare 元 is.
    language_tag: str | None = None
    currency: str | None = None
    claims: list[ExpectedClaim] = Field(default_factory=list)
    not_claims: list[str] = Field(default_factory=list)
    exhaustive: bool = True
    xfail: str | None = Field(default=None, min_length=1)
    # Free text for a reader: why the case exists, which convention it pins.
    note: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _full_date(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError("write published as an unquoted YYYY-MM-DD date")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> SpecCase:
        spans: list[tuple[int, int, str]] = []
        for index, claim in enumerate(self.claims):
            starts = _occurrences(self.input, claim.surface)
            where = f"claims[{index}] surface {claim.surface!r}"
            if not starts:
                raise ValueError(f"{where} is not in the input")
            if len(starts) > 1 and "occurrence" not in claim.model_fields_set:
                raise ValueError(
                    f"{where} occurs {len(starts)} times in the input: add occurrence: N"
                )
            if claim.occurrence > len(starts):
                raise ValueError(f"{where} occurs {len(starts)} time(s), not {claim.occurrence}")
            start = starts[claim.occurrence - 1]
            spans.append((start, start + len(claim.surface), claim.surface))
        for (a_start, a_end, a_text), (b_start, _, b_text) in zip(spans, spans[1:], strict=False):
            if b_start < a_start:
                raise ValueError(f"claims are not in text order: {b_text!r} after {a_text!r}")
            if b_start < a_end:
                raise ValueError(f"claims {a_text!r} and {b_text!r} overlap")
        for needle in self.not_claims:
            starts = _occurrences(self.input, needle)
            if not needle or not starts:
                raise ValueError(f"not_claims {needle!r} is not in the input")
            for start in starts:
                for c_start, c_end, c_text in spans:
                    if start < c_end and c_start < start + len(needle):
                        raise ValueError(
                            f"not_claims {needle!r} overlaps the expected claim {c_text!r}"
                        )
        return self

    def expected_spans(self) -> list[tuple[int, int]]:
        spans = []
        for claim in self.claims:
            start = _occurrences(self.input, claim.surface)[claim.occurrence - 1]
            spans.append((start, start + len(claim.surface)))
        return spans


class SpecFile(BaseModel):
    """The top level of a spec file: only ``cases``."""

    model_config = ConfigDict(extra="forbid")

    cases: list[Any] = Field(min_length=1)


class SpecFileError(ValueError):
    """A spec file that cannot be used; the message names the file, line and case."""


@dataclass(frozen=True)
class LoadedCase:
    lang: str
    kind: str
    number: int  # 1-based position in its file
    line: int | None
    case: SpecCase

    @property
    def id(self) -> str:
        return f"{self.lang}/{self.kind}#{self.number}"


@cache
def _taxonomy_names() -> dict:
    taxonomy = load_taxonomy()
    return {
        "entities": frozenset(entity.name for entity in taxonomy.entities),
        "aliases": {alias_key(alias): entity.name for entity in taxonomy.entities
                    for alias in [entity.name, entity.name_zh or "", *entity.aliases] if alias},
        "topics": frozenset(topic.key for topic in taxonomy.topics),
    }


def _reject_duplicate_keys(path: Path, node: yaml.Node | None) -> None:
    """PyYAML keeps the last of two equal keys silently; a spec must not say a field twice."""
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if key.value in seen:
                raise SpecFileError(
                    f"{_display(path)}:{key.start_mark.line + 1}: key {key.value!r} given twice"
                )
            seen.add(key.value)
            _reject_duplicate_keys(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(path, item)


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(SPEC_DIR.parents[1]))
    except ValueError:
        return str(path)


def _case_lines(root: yaml.Node | None) -> list[int | None]:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "cases" and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


def _format_validation_error(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        location = ".".join(str(part) for part in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        parts.append(f"{location}: {message}" if location else message)
    return "; ".join(parts)


def load_spec_file(path: Path, lang: str, kind: str) -> list[LoadedCase]:
    """Every case of one spec file, validated; SpecFileError names the file, line and case."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SpecFileError(f"{_display(path)}: cannot read: {error}") from None
    _reject_duplicate_keys(path, root)
    try:
        spec = SpecFile.model_validate(data)
    except ValidationError as error:
        raise SpecFileError(f"{_display(path)}: {_format_validation_error(error)}") from None
    lines = _case_lines(root)
    context = _taxonomy_names()
    loaded, inputs = [], {}
    for index, raw in enumerate(spec.cases):
        number = index + 1
        line = lines[index] if index < len(lines) else None
        where = f"{_display(path)}:{line}: case #{number} (cases[{index}])"
        try:
            case = SpecCase.model_validate(raw, context=context)
        except ValidationError as error:
            raise SpecFileError(f"{where}: {_format_validation_error(error)}") from None
        if case.input in inputs:
            raise SpecFileError(f"{where}: the same input as case #{inputs[case.input]}")
        inputs[case.input] = number
        loaded.append(LoadedCase(lang, kind, number, line, case))
    return loaded


# --- Checking returned claims against a case --------------------------------------


def _describe(claim: Claim) -> str:
    fields = claim.model_dump(exclude={"surface", "start", "end", "sentence", "extractor"})
    shown = ", ".join(
        f"{name}={value}"
        for name, value in fields.items()
        if value is not None and value not in ("exact", "none", "unknown")
    )
    return f"{claim.surface!r} [{claim.start}, {claim.end}) {shown}"


def _same(field: str, expected: Any, actual: Any) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if field in FLOAT_FIELDS:
        return math.isclose(float(expected), float(actual), rel_tol=REL_TOL, abs_tol=0.0)
    if field in DATE_FIELDS:
        return expected.isoformat() == actual.isoformat()
    return expected == actual


def check_case(case: SpecCase, claims: list[Claim]) -> list[str]:
    """Every way ``claims`` (what extract_claims returned) breaks ``case``; [] when none."""
    text = case.input
    problems: list[str] = []
    if not isinstance(claims, list) or not all(isinstance(c, Claim) for c in claims):
        return [f"extract_claims must return a list of Claim, got {claims!r}"]

    for claim in claims:  # (a) spans index the input
        if not (0 <= claim.start < claim.end <= len(text)):
            problems.append(f"bad span: {_describe(claim)} (input has {len(text)} characters)")
        elif text[claim.start : claim.end] != claim.surface:
            problems.append(
                f"surface {claim.surface!r} is not text[{claim.start}:{claim.end}] = "
                f"{text[claim.start : claim.end]!r}"
            )
    positions = [(claim.start, claim.end) for claim in claims]
    if positions != sorted(positions):
        problems.append("claims are not in text order: " + ", ".join(map(repr, positions)))

    matched: set[int] = set()
    for expected, (start, end) in zip(case.claims, case.expected_spans(), strict=True):
        label = repr(expected.surface)
        if expected.occurrence > 1:
            label += f" (occurrence {expected.occurrence})"
        found = [i for i, c in enumerate(claims) if (c.start, c.end) == (start, end)]
        if not found:  # (b) a missing claim
            near = [_describe(c) for c in claims if c.start < end and start < c.end]
            hint = f"; overlapping: {'; '.join(near)}" if near else ""
            problems.append(f"missing claim {label} at [{start}, {end}){hint}")
            continue
        index = found[0]
        matched.add(index)
        actual = claims[index]
        for field in expected.checked_fields():  # (b) its fields
            want, got = getattr(expected, field), getattr(actual, field)
            if not _same(field, want, got):
                problems.append(f"{label}: {field}: expected {want!r}, got {got!r}")

    extras = [claims[i] for i in range(len(claims)) if i not in matched]
    if case.exhaustive and extras:  # (c) extra claims
        problems.extend(f"unexpected claim {_describe(claim)}" for claim in extras)

    for needle in case.not_claims:  # (d) traps
        for start in _occurrences(text, needle):
            end = start + len(needle)
            for claim in claims:
                if claim.start < end and start < claim.end:
                    problems.append(
                        f"not_claims {needle!r} at [{start}, {end}) overlaps {_describe(claim)}"
                    )
    return problems


def run_case(loaded: LoadedCase) -> None:
    """Run extract_claims on one case and fail with every problem found."""
    case = loaded.case
    # Looked up at call time so tests can put a fake engine in its place.
    options = {"currency": case.currency} if case.currency else {}
    claims = extract_module.extract_claims(
        case.input, lang=case.language_tag or loaded.lang, published=case.published,
        author=case.author, **options
    )
    problems = check_case(case, claims)
    if problems:
        if isinstance(claims, list):
            shown = [_describe(c) if isinstance(c, Claim) else repr(c) for c in claims]
            returned = "\n".join(f"    {line}" for line in shown) or "    (none)"
        else:
            returned = f"    {claims!r}"
        pytest.fail(
            f"{loaded.id} (tests/specs/{loaded.lang}/{loaded.kind}.yaml:{loaded.line})\n"
            f"  input: {case.input!r}\n"
            + "".join(f"  - {problem}\n" for problem in problems)
            + f"  returned:\n{returned}",
            pytrace=False,
        )


# --- Collection ------------------------------------------------------------------


def spec_paths() -> list[tuple[str, str, Path]]:
    return [(lang, kind, SPEC_DIR / lang / f"{kind}.yaml") for lang in LANGUAGES for kind in KINDS]


def collect() -> tuple[list[LoadedCase], list[tuple[str, str]]]:
    """Every valid case, and (file id, error) for each file that failed validation."""
    cases, broken = [], []
    for lang, kind, path in spec_paths():
        if not path.exists():
            continue  # test_spec_tree_complete reports it
        try:
            cases.extend(load_spec_file(path, lang, kind))
        except SpecFileError as error:
            broken.append((f"{lang}/{kind}", str(error)))
    return cases, broken


def case_params(cases: list[LoadedCase]) -> list[Any]:
    params = []
    for loaded in cases:
        marks = []
        if loaded.case.xfail:
            marks.append(pytest.mark.xfail(strict=True, reason=loaded.case.xfail))
        params.append(pytest.param(loaded, id=loaded.id, marks=marks))
    return params


_CASES, _BROKEN = collect()


@pytest.mark.parametrize("loaded", case_params(_CASES))
def test_spec(loaded: LoadedCase) -> None:
    run_case(loaded)


def test_spec_files_valid() -> None:
    """Every spec file parses and validates (a broken file's cases are not run at all)."""
    if _BROKEN:
        pytest.fail("\n".join(error for _, error in _BROKEN), pytrace=False)


# Spec files other tests read: the cross-checking verdicts (tests/test_crosscheck.py).
OTHER_SPECS = {SPEC_DIR / "crosscheck" / "verdicts.yaml"}


def test_spec_tree_complete() -> None:
    """One file per language and kind, the other tests' spec files, and nothing else."""
    expected = {path for _, _, path in spec_paths()} | OTHER_SPECS
    missing = sorted(str(path.relative_to(SPEC_DIR)) for path in expected if not path.exists())
    stray = sorted(
        str(path.relative_to(SPEC_DIR))
        for path in SPEC_DIR.rglob("*")
        if path.is_file() and path not in expected and path.name != "README.md"
    )
    assert not missing, f"missing spec files: {missing}"
    assert not stray, f"files that no test reads: {stray}"
