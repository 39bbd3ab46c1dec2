"""The shipped taxonomy files, and every way a broken copy of them is reported."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from claimtrack.errors import DataFileError
from claimtrack.resources import data_dir
from claimtrack.taxonomy import (
    ENTITY_KINDS,
    TOPIC_KINDS,
    EntitySpec,
    Taxonomy,
    TopicSpec,
    load_taxonomy,
)

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"

HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


# --- Helpers ------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data folder, to break on purpose."""
    target = tmp_path / "data"
    target.mkdir()
    for name in ("topics.yaml", "entities.yaml"):
        shutil.copy(SHIPPED / name, target / name)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a file (fails loudly if not exactly one)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line on which ``needle`` first occurs outside the comment header."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line and not line.lstrip().startswith("#"):
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")


def load_error(folder: Path) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_taxonomy(folder)
    return caught.value


def assert_names_file(error: DataFileError, path: Path) -> None:
    assert error.path == str(path.resolve())
    assert str(error).startswith(str(path.resolve()))


# --- The shipped files -----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Taxonomy:
    return load_taxonomy(SHIPPED)


def test_shipped_files_load_from_the_data_folder(shipped: Taxonomy) -> None:
    assert data_dir().resolve() == SHIPPED.resolve()
    default = load_taxonomy()
    assert default == shipped
    assert len(shipped.topics) >= 25
    assert len(shipped.entities) >= 80


def test_load_is_cached_per_directory(shipped: Taxonomy) -> None:
    assert load_taxonomy(SHIPPED) is shipped
    assert load_taxonomy(str(SHIPPED)) is shipped
    assert load_taxonomy(SHIPPED / ".." / "data") is shipped


def test_an_edited_file_is_read_again(data_copy: Path) -> None:
    before = load_taxonomy(data_copy)
    assert load_taxonomy(data_copy) is before
    edit(data_copy / "topics.yaml", "name: Tariff", "name: Tariff rate")
    after = load_taxonomy(data_copy)
    assert after.topic("tariff").name == "Tariff rate"


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("training_cost", "money"),
        ("inference_cost", "money"),
        ("downloads", "count"),
        ("users", "count"),
        ("share_price_change", "percent"),
        ("market_value", "money"),
        ("market_value_change", "money"),
        ("price", "money"),
        ("investment", "money"),
        ("funding", "money"),
        ("valuation", "money"),
        ("revenue", "money"),
        ("profit", "money"),
        ("compute", "quantity"),
        ("parameters", "count"),
        ("training_data", "quantity"),
        ("training_time", "duration"),
        ("release_date", "date"),
        ("employees", "count"),
        ("benchmark_score", "percent"),
        ("energy", "quantity"),
        ("ranking", None),
        ("market_share", "percent"),
        ("chip_exports", "quantity"),
        ("chip_sales", "quantity"),
        ("subsidy", "money"),
    ],
)
def test_shipped_topics(shipped: Taxonomy, key: str, kind: str | None) -> None:
    topic = shipped.topic(key)
    assert topic.key == key
    assert topic.kind == kind
    assert topic.name and topic.name_zh and topic.description


def test_training_cost_aliases_cover_all_three_forms(shipped: Taxonomy) -> None:
    aliases = set(shipped.topic("training_cost").aliases)
    assert {"训练成本", "訓練成本", "训练费用", "訓練費用", "开发成本", "開發成本"} <= aliases
    assert {"training cost", "cost to train", "development cost"} <= aliases


def test_every_topic_has_chinese_and_english_aliases(shipped: Taxonomy) -> None:
    for topic in shipped.topics:
        assert any(HAN.search(alias) for alias in topic.aliases), topic.key
        assert any(not HAN.search(alias) for alias in topic.aliases), topic.key


def test_nvidia_and_trump(shipped: Taxonomy) -> None:
    nvidia = shipped.entity("Nvidia")
    assert nvidia.kind == "organisation"
    assert {"英伟达", "輝達", "英偉達", "辉达"} <= set(nvidia.aliases)
    trump = shipped.entity("Donald Trump")
    assert trump.kind == "person"
    assert {"特朗普", "川普", "Trump"} <= set(trump.aliases)


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("DeepSeek-V3", "DeepSeek"),
        ("DeepSeek-R1", "DeepSeek"),
        ("DeepSeek app", "DeepSeek"),
        ("GPT-4o", "OpenAI"),
        ("ChatGPT", "OpenAI"),
        ("Llama", "Meta"),
        ("Google", "Alphabet"),
        ("Qwen", "Alibaba"),
        ("Claude", "Anthropic"),
        ("App Store", "Apple"),
        ("Kimi", "Moonshot AI"),
    ],
)
def test_part_of(shipped: Taxonomy, name: str, parent: str) -> None:
    assert shipped.entity(name).part_of == parent


def test_every_part_of_names_an_entity(shipped: Taxonomy) -> None:
    names = {entity.name for entity in shipped.entities}
    for entity in shipped.entities:
        assert entity.part_of is None or entity.part_of in names
        assert entity.kind in ENTITY_KINDS


# Entities whose Chinese and English names both appear in news text.
CORE_BILINGUAL_ENTITIES = [
    "DeepSeek", "High-Flyer", "Nvidia", "Microsoft", "Google", "Alphabet", "Apple",
    "App Store", "Meta", "Alibaba", "Qwen", "01.AI", "ByteDance", "Huawei", "Tencent",
    "Baidu", "TSMC", "ASML", "SoftBank", "Oracle", "Stargate", "Amazon",
    "Donald Trump", "Sam Altman", "Demis Hassabis", "Marc Andreessen", "Elon Musk",
    "Kai-Fu Lee", "Mark Zuckerberg", "Dario Amodei", "Yann LeCun", "Satya Nadella",
    "Bloomberg", "Reuters", "Financial Times", "New York Times", "Wall Street Journal",
    "United States", "China", "Silicon Valley",
]  # fmt: skip


@pytest.mark.parametrize("name", CORE_BILINGUAL_ENTITIES)
def test_core_entities_have_chinese_and_english_names(shipped: Taxonomy, name: str) -> None:
    names = shipped.entity(name).names()
    assert any(HAN.search(alias) for alias in names), names
    assert any(LATIN.search(alias) and not HAN.search(alias) for alias in names), names


@pytest.mark.parametrize(
    ("name", "traditional"),
    [
        ("Nvidia", "輝達"),
        ("Microsoft", "微軟"),
        ("Apple", "蘋果"),
        ("United States", "美國"),
        ("China", "中國"),
        ("Silicon Valley", "矽谷"),
        ("Sam Altman", "山姆·奧爾特曼"),
        ("Demis Hassabis", "德米斯·哈薩比斯"),
        ("Parmy Olson", "帕米·奧爾森"),
        ("Marc Andreessen", "馬克·安德森"),
        ("Qwen", "千問"),
    ],
)
def test_traditional_forms_from_the_seeds(shipped: Taxonomy, name: str, traditional: str) -> None:
    assert traditional in shipped.entity(name).aliases


def test_people_from_the_seeds(shipped: Taxonomy) -> None:
    for name, chinese in [
        ("Liang Wenfeng", "梁文锋"),
        ("Jensen Huang", "黄仁勋"),
        ("Zheng Yongnian", "郑永年"),
        ("Hu Yong", "胡泳"),
        ("Xu Jin", "徐瑾"),
        ("Parmy Olson", "帕米·奥尔森"),
        ("Jordan Schneider", "乔丹·施耐德"),
    ]:
        person = shipped.entity(name)
        assert person.kind == "person"
        assert person.name_zh == chinese


def test_lookups_take_aliases_and_ignore_case(shipped: Taxonomy) -> None:
    assert shipped.entity("nvidia") is shipped.entity("Nvidia")
    assert shipped.entity(" 輝達 ").name == "Nvidia"
    assert shipped.entity("川普").name == "Donald Trump"
    assert shipped.entity("侠客岛").name == "侠客岛"
    assert shipped.topic("Market Cap").key == "market_value"
    assert shipped.topic("市值蒸发").key == "market_value_change"
    with pytest.raises(KeyError):
        shipped.topic("no_such_topic")
    with pytest.raises(KeyError):
        shipped.entity("No Such Company")


def test_kinds_match_the_database_enums() -> None:
    from claimtrack.db.models import ClaimKind, EntityKind

    assert set(TOPIC_KINDS) == {kind.value for kind in ClaimKind}
    assert set(ENTITY_KINDS) == {kind.value for kind in EntityKind}


def test_specs_are_frozen_and_forbid_unknown_fields(shipped: Taxonomy) -> None:
    with pytest.raises(ValidationError):
        shipped.topics[0].key = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        TopicSpec(key="x", name="X", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        EntitySpec(name="X", kind="planet")  # type: ignore[arg-type]


def test_module_imports_neither_sqlalchemy_rich_nor_click() -> None:
    code = (
        "import sys, claimtrack.taxonomy\n"
        "print(' '.join(m for m in ('sqlalchemy', 'rich', 'click') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )  # fmt: skip
    assert result.stdout.strip() == ""


# --- Broken files ------------------------------------------------------------------


def test_malformed_yaml_names_the_line(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    edit(topics, "    name: Downloads\n", "    name: Downloads: count\n")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "malformed YAML: mapping values are not allowed" in error.reason
    assert error.line == line_of(topics, "name: Downloads: count")
    assert f"topics.yaml:{error.line}:" in str(error)


def test_bad_indentation_names_the_line(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, "  - name: Huawei\n    kind:", "  - name: Huawei\n      kind:")
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert error.line == line_of(entities, "      kind:")


def test_topic_without_key(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    edit(topics, "  - key: downloads\n    name: Downloads", "  - name: Downloads")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert re.search(r"topics\[\d+\]: missing required key 'key'", error.reason)
    assert error.line == line_of(topics, "  - name: Downloads")


def test_unknown_field(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    edit(topics, "    name: Downloads\n", "    name: Downloads\n    colour: red\n")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "(key 'downloads'): unknown key 'colour'" in error.reason
    assert ("allowed: key, name, name_zh, kind, description, change_topic, as_of, aliases"
            in error.reason)
    assert error.line == line_of(topics, "colour: red")


def test_aliases_not_a_list(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    edit(
        topics,
        "    description: How often an app or model was downloaded or installed.\n",
        "    description: How often an app or model was downloaded or installed.\n"
        "    aliases: 下载量\n    more: x\n",
    )
    text = topics.read_text(encoding="utf-8")
    # Drop the original aliases list so the item has one aliases key (the bad one).
    start = text.index("    more: x\n")
    end = text.index("\n\n", start)
    topics.write_text(text[:start] + text[end:], encoding="utf-8")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert re.search(
        r"topics\[\d+\] \(key 'downloads'\): aliases: Input should be a valid list", error.reason
    )
    assert error.line == line_of(topics, "aliases: 下载量")


def test_alias_that_is_not_text(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, "aliases: [华为, 華為,", "aliases: [华为, 2025, 華為,")
    error = load_error(data_copy)
    assert "(name 'Huawei'): aliases[1]: Input should be text, found a number (2025)" in (
        error.reason
    )
    assert error.line == line_of(entities, "[华为, 2025")


def test_unknown_kind(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, "name: Huawei\n    kind: organisation", "name: Huawei\n    kind: company")
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "(name 'Huawei'): kind: 'company' is not one of: person, organisation" in error.reason


def test_key_not_snake_case(data_copy: Path) -> None:
    edit(data_copy / "topics.yaml", "  - key: downloads\n", "  - key: Downloads-Count\n")
    error = load_error(data_copy)
    assert "key: 'Downloads-Count' is not snake_case" in error.reason


def test_item_not_a_mapping(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    edit(topics, "topics:\n", "topics:\n  - just a word\n")
    error = load_error(data_copy)
    assert "topics[0]: each item must be a mapping of keys, found text" in error.reason
    assert error.line == line_of(topics, "  - just a word")


def test_duplicate_topic_key(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    with topics.open("a", encoding="utf-8") as file:
        file.write("\n  - key: training_cost\n    name: Training cost again\n")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "duplicate key 'training_cost' (already used by topics[0]" in error.reason
    assert error.line == line_of(topics, "name: Training cost again") - 1


def test_duplicate_entity_name(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    with entities.open("a", encoding="utf-8") as file:
        file.write("\n  - name: Nvidia\n    kind: organisation\n")
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "(name 'Nvidia'): duplicate name 'Nvidia'" in error.reason


def test_alias_under_two_entities(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, "[英特尔, 英特爾, Intel Corp]", "[英特尔, 英特爾, Intel Corp, 英偉達]")
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "(name 'Intel'): alias '英偉達' is also an alias of entities[" in error.reason
    assert "(name 'Nvidia')" in error.reason


def test_alias_clash_ignores_case_and_spaces(data_copy: Path) -> None:
    edit(data_copy / "entities.yaml", "[英特尔, 英特爾, Intel Corp]", "[' NVIDIA ']")
    error = load_error(data_copy)
    assert "alias 'NVIDIA' is also an alias of entities[" in error.reason


def test_alias_under_two_topics(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    edit(topics, "aliases: [关税, 關稅,", "aliases: [关税, 關稅, 下载量,")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "(key 'tariff'): alias '下载量' is also an alias of topics[" in error.reason
    assert "(key 'downloads')" in error.reason


def test_unknown_part_of(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, "  - name: DeepSeek-V3\n    kind: product\n    part_of: DeepSeek\n",
         "  - name: DeepSeek-V3\n    kind: product\n    part_of: 深度求索公司\n")  # fmt: skip
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "(name 'DeepSeek-V3'): part_of '深度求索公司' names no entity" in error.reason
    assert error.line == line_of(entities, "  - name: DeepSeek-V3")


def test_part_of_given_as_an_alias_suggests_the_name(data_copy: Path) -> None:
    edit(data_copy / "entities.yaml", "    part_of: Moonshot AI\n", "    part_of: 月之暗面\n")
    error = load_error(data_copy)
    assert "part_of '月之暗面' names no entity" in error.reason
    assert "did you mean 'Moonshot AI'?" in error.reason


def test_part_of_cycle(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, "  - name: DeepSeek\n    kind: organisation\n",
         "  - name: DeepSeek\n    kind: organisation\n    part_of: DeepSeek-R1-Zero\n")  # fmt: skip
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "part_of goes round in a circle" in error.reason
    assert "DeepSeek → DeepSeek-R1-Zero → DeepSeek-R1 → DeepSeek" in error.reason


def test_part_of_itself(data_copy: Path) -> None:
    edit(data_copy / "entities.yaml", "    part_of: Moonshot AI\n", "    part_of: Kimi\n")
    error = load_error(data_copy)
    assert "part_of goes round in a circle: Kimi → Kimi" in error.reason


def test_top_level_not_a_mapping(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    topics.write_text("- key: downloads\n  name: Downloads\n", encoding="utf-8")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "the top level must be a mapping with one key, 'topics:'" in error.reason
    assert "found a list" in error.reason
    assert error.line == 1


def test_top_level_key_misspelt(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, "\nentities:\n", "\nentity:\n")
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "unknown top-level key 'entity'" in error.reason
    assert error.line == line_of(entities, "entity:")


def test_list_key_without_a_list(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    topics.write_text("# nothing yet\ntopics:\n", encoding="utf-8")
    error = load_error(data_copy)
    assert "'topics:' must hold a list, found null" in error.reason
    assert error.line == 2


def test_empty_file(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    topics.write_text("# only a comment\n", encoding="utf-8")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "the file is empty" in error.reason


def test_key_twice_in_one_item(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    edit(topics, "    name: Downloads\n", "    name: Downloads\n    name: Download count\n")
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "key 'name' appears twice in one mapping" in error.reason
    assert error.line == line_of(topics, "name: Download count")


def test_missing_file(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    entities.unlink()
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "file not found" in error.reason


def test_missing_folder(tmp_path: Path) -> None:
    error = load_error(tmp_path / "nowhere")
    assert error.path == str((tmp_path / "nowhere" / "topics.yaml").resolve())


def test_not_utf8(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    topics.write_bytes("topics:\n  - key: price\n    name: 价格\n".encode("gb18030"))
    error = load_error(data_copy)
    assert_names_file(error, topics)
    assert "not UTF-8" in error.reason


def test_data_dir_override(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(data_copy / "topics.yaml", "name: Tariff", "name: Import tariff")
    monkeypatch.setenv("CLAIMTRACK_DATA_DIR", str(data_copy))
    assert load_taxonomy().topic("tariff").name == "Import tariff"


def test_a_fixed_file_loads_after_an_error(data_copy: Path) -> None:
    topics = data_copy / "topics.yaml"
    original = topics.read_text(encoding="utf-8")
    topics.write_text("topics: [\n", encoding="utf-8")
    load_error(data_copy)
    topics.write_text(original, encoding="utf-8")
    assert load_taxonomy(data_copy).topic("price").key == "price"


def test_change_topic_must_name_a_topic(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    topics = data / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(
        text.replace("change_topic: market_value_change", "change_topic: market_value_drift"),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_taxonomy(data)
    assert "change_topic 'market_value_drift' names no topic" in caught.value.reason


def test_fiscal_year_end_is_month_and_day(data_copy: Path) -> None:
    entities = data_copy / "entities.yaml"
    edit(entities, 'fiscal_year_end: "01-26"', 'fiscal_year_end: "January"')
    error = load_error(data_copy)
    assert_names_file(error, entities)
    assert "(name 'Nvidia'): fiscal_year_end" in error.reason


def test_fiscal_year_ends_are_shipped(shipped: Taxonomy) -> None:
    calendars = {spec.name: spec.fiscal_year_end for spec in shipped.entities
                 if spec.fiscal_year_end}
    assert calendars["Nvidia"] == "01-26" and calendars["Microsoft"] == "06-30"
    assert "Tencent" not in calendars  # a calendar-year company states none
