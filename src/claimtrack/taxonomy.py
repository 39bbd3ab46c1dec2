"""The taxonomy: what figures measure (topics.yaml) and who or what they are about (entities.yaml).

Both files live in :func:`claimtrack.resources.data_dir` and are plain YAML that
an editor extends without a code change; each file's header documents its own
format. :func:`load_taxonomy` reads and checks them and returns a frozen
:class:`Taxonomy`. Every problem in a file is a :class:`DataFileError` naming
the file, the line where it can be found, and the item (``topics[3] (key
'downloads')``).

Besides field validation the loader checks what a single item cannot: topic keys
and entity names are unique, no alias names two different topics (or two
different entities), every ``part_of`` names an entity in the file, and no
``part_of`` chain loops. An item's key, name and name_zh count as aliases too,
because the database stores them as such (see ``db.store.sync_taxonomy``).

Kept free of SQLAlchemy, rich and click so that it is cheap to import.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    field_validator,
)

from claimtrack.errors import DataFileError
from claimtrack.resources import data_dir

if TYPE_CHECKING:
    import yaml

TOPICS_FILE = "topics.yaml"
ENTITIES_FILE = "entities.yaml"

TopicKindValue = Literal["money", "percent", "count", "ratio", "duration", "date", "quantity"]
EntityKindValue = Literal["person", "organisation", "product", "place", "other"]
# The same values as db.models.ClaimKind and EntityKind (a test keeps them in step).
TOPIC_KINDS: tuple[str, ...] = get_args(TopicKindValue)
ENTITY_KINDS: tuple[str, ...] = get_args(EntityKindValue)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def _comparison_key(text: str) -> str:
    """How two aliases are compared: 'NVIDIA ' and 'nvidia' are the same alias.

    A traditional/simplified script fold belongs here too (not done yet), so that
    訓練成本 and 训练成本 compare equal.
    """
    return text.strip().casefold()


def _aliases_or_empty(value: Any) -> Any:
    # "aliases:" with nothing after it reads as None: treat it as no aliases.
    return () if value is None else value


class TopicSpec(BaseModel):
    """One thing a figure can measure, as listed in topics.yaml (training_cost, downloads...).

    ``kind`` is the usual kind of figure for the topic (money, percent, ...) or
    None when it varies; ``aliases`` are the words news sentences use for it, in
    simplified Chinese, traditional Chinese and English.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Text
    name: Text
    name_zh: Text | None = None
    kind: TopicKindValue | None = None
    description: Text | None = None
    # The topic a figure of this one belongs to when it is a change (蒸发, fell):
    # market_value → market_value_change.
    change_topic: Text | None = None
    # A figure that holds on a day (a share price, a market value, a chart position):
    # a level with no stated period is the level on its article's date, and levels on
    # two dates are a change over time, never a conflict (claimtrack.crosscheck.identity).
    as_of: bool = False
    aliases: tuple[Text, ...] = ()

    @field_validator("key")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not _SNAKE_CASE.fullmatch(value):
            raise ValueError(
                f"{value!r} is not snake_case (lower-case letters, digits and _, "
                "starting with a letter, e.g. training_cost)"
            )
        return value

    @field_validator("aliases", mode="before")
    @classmethod
    def _no_aliases(cls, value: Any) -> Any:
        return _aliases_or_empty(value)

    def names(self) -> tuple[str, ...]:
        """Every way of naming this topic: key, name, name_zh and aliases, in that order."""
        return _without_repeats((self.key, self.name, self.name_zh, *self.aliases))


class EntitySpec(BaseModel):
    """One person, organisation, product, place or other thing, as listed in entities.yaml.

    ``name`` is canonical and unique; ``part_of`` names a larger entity in the
    same file (DeepSeek-V3 is part of DeepSeek) without merging the two.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    kind: EntityKindValue
    name_zh: Text | None = None
    part_of: Text | None = None
    aliases: tuple[Text, ...] = ()
    # MM-DD: the day a company's fiscal year ends, when not December 31 (Nvidia's:
    # late January). Its quarters are read in its own calendar (claimtrack.extract).
    fiscal_year_end: str | None = Field(
        default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

    @field_validator("aliases", mode="before")
    @classmethod
    def _no_aliases(cls, value: Any) -> Any:
        return _aliases_or_empty(value)

    def names(self) -> tuple[str, ...]:
        """Every way of naming this entity: name, name_zh and aliases, in that order."""
        return _without_repeats((self.name, self.name_zh, *self.aliases))


class Taxonomy(BaseModel):
    """The topics and entities from the data files, in file order, with lookups.

    Built by :func:`load_taxonomy`, which also checks uniqueness, aliases and
    ``part_of``; constructing one directly checks only the fields.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    topics: tuple[TopicSpec, ...] = ()
    entities: tuple[EntitySpec, ...] = ()

    _topic_index: dict[str, TopicSpec] = PrivateAttr(default_factory=dict)
    _entity_index: dict[str, EntitySpec] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        # Later items never shadow earlier ones; the loader rejects such clashes anyway.
        for topic in self.topics:
            for name in topic.names():
                self._topic_index.setdefault(_comparison_key(name), topic)
        for entity in self.entities:
            for name in entity.names():
                self._entity_index.setdefault(_comparison_key(name), entity)

    def topic(self, key: str) -> TopicSpec:
        """The topic with this key (or name, or alias, compared casefolded); KeyError if none."""
        found = self._topic_index.get(_comparison_key(key))
        if found is None:
            raise KeyError(f"no topic {key!r} in the taxonomy")
        return found

    def entity(self, name: str) -> EntitySpec:
        """The entity with this canonical name (or alias, compared casefolded); KeyError if none."""
        found = self._entity_index.get(_comparison_key(name))
        if found is None:
            raise KeyError(f"no entity {name!r} in the taxonomy")
        return found


def load_taxonomy(directory: Path | str | None = None) -> Taxonomy:
    """Read and check topics.yaml and entities.yaml from ``directory`` (default: the data folder).

    The result is cached per resolved directory and the files' size and
    modification time, so repeated calls are cheap and an edited file is re-read.
    Raises DataFileError for a missing, unreadable, malformed or inconsistent file.
    """
    folder = Path(directory if directory is not None else data_dir()).resolve()
    return _load_cached(
        folder, _file_stamp(folder / TOPICS_FILE), _file_stamp(folder / ENTITIES_FILE)
    )


def as_of_topics(directory: Path | str | None = None) -> frozenset[str]:
    """The keys of the topics marked ``as_of: true``: figures that hold on a day.

    Reads topics.yaml alone (validated item by item, cached like load_taxonomy), so
    that `claimtrack conflicts` need not read and check entities.yaml too.
    """
    folder = Path(directory if directory is not None else data_dir()).resolve()
    return _as_of_cached(folder / TOPICS_FILE, _file_stamp(folder / TOPICS_FILE))


@lru_cache(maxsize=16)
def _as_of_cached(path: Path, stamp: tuple[int, int] | None) -> frozenset[str]:
    return frozenset(item.spec.key for item in _read_items(path, "topics", TopicSpec)
                     if item.spec.as_of)


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None  # reading it reports the problem
    return status.st_mtime_ns, status.st_size


# The stamps are only part of the cache key: a changed file misses the cache.
@lru_cache(maxsize=16)
def _load_cached(
    folder: Path, topics_stamp: tuple[int, int] | None, entities_stamp: tuple[int, int] | None
) -> Taxonomy:
    topics = _read_items(folder / TOPICS_FILE, "topics", TopicSpec)
    entities = _read_items(folder / ENTITIES_FILE, "entities", EntitySpec)
    _check_topics(folder / TOPICS_FILE, topics)
    _check_entities(folder / ENTITIES_FILE, entities)
    return Taxonomy(
        topics=tuple(item.spec for item in topics),
        entities=tuple(item.spec for item in entities),
    )


# --- Reading one file ---------------------------------------------------------


class _Item:
    """A validated spec with where it came from, for error messages."""

    def __init__(self, spec: Any, index: int, list_key: str, line: int | None) -> None:
        self.spec = spec
        self.index = index
        self.line = line
        label = "key" if list_key == "topics" else "name"
        self.where = f"{list_key}[{index}] ({label} {getattr(spec, label)!r})"


def _read_items(path: Path, list_key: str, model: type[BaseModel]) -> list[_Item]:
    text = _read_text(path)
    root, data = _parse_yaml(path, text)
    _reject_duplicate_mapping_keys(path, root)
    items = _top_level_list(path, root, data, list_key)
    label = "key" if list_key == "topics" else "name"
    validated = []
    for index, raw in enumerate(items):
        item_line = _line_of(root, list_key, index)
        try:
            spec = model.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            location = first["loc"]
            identity = raw.get(label) if isinstance(raw, dict) else None
            where = f"{list_key}[{index}]"
            if isinstance(identity, str) and identity.strip():
                where += f" ({label} {identity.strip()!r})"
            more = len(error.errors()) - 1
            reason = f"{where}: {_describe_validation_error(first, model)}"
            if more:
                reason += f" (and {more} more)"
            line = _line_of(root, list_key, index, *location) if location else item_line
            raise DataFileError(path, reason, line=line) from None
        validated.append(_Item(spec, index, list_key, item_line))
    return validated


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(
            path,
            f"file not found: the data folder must hold {TOPICS_FILE} and {ENTITIES_FILE} "
            "(CLAIMTRACK_DATA_DIR points claimtrack at another folder)",
        ) from None
    except UnicodeDecodeError as error:
        raise DataFileError(path, f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise DataFileError(path, f"cannot read: {error.strerror or error}") from None


def _parse_yaml(path: Path, text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data, from one safe parse.

    This is what ``yaml.safe_load`` does, keeping the node tree it builds on the way.
    """
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise DataFileError(
            path, f"malformed YAML: {problem}", line=mark.line + 1 if mark is not None else None
        ) from None
    finally:
        loader.dispose()
    return root, data


def _reject_duplicate_mapping_keys(path: Path, root: yaml.Node | None) -> None:
    # YAML silently keeps the last of two equal keys: a second "aliases:" in an
    # item would drop the first list without a word.
    import yaml

    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise DataFileError(
                            path,
                            f"key {key_node.value!r} appears twice in one mapping "
                            "(YAML would keep only the last)",
                            line=key_node.start_mark.line + 1,
                        )
                    seen.add(key_node.value)
                pending.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _top_level_list(path: Path, root: yaml.Node | None, data: Any, list_key: str) -> list[Any]:
    shape = f"the top level must be a mapping with one key, '{list_key}:', holding a list"
    if data is None:
        raise DataFileError(path, f"the file is empty: {shape}")
    if not isinstance(data, dict):
        raise DataFileError(path, f"{shape}, found {_yaml_type(data)}", line=_line_of(root) or 1)
    unknown = [str(key) for key in data if key != list_key]
    if unknown:
        raise DataFileError(
            path, f"unknown top-level key {unknown[0]!r}: {shape}", line=_line_of(root, unknown[0])
        )
    if list_key not in data:
        raise DataFileError(path, f"no '{list_key}:' key: {shape}", line=1)
    items = data[list_key]
    if not isinstance(items, list):
        raise DataFileError(
            path,
            f"'{list_key}:' must hold a list, found {_yaml_type(items)} (use [] for none)",
            line=_line_of(root, list_key),
        )
    return items


def _describe_validation_error(error: Any, model: type[BaseModel]) -> str:
    """One pydantic error in the words of the YAML file: 'aliases: Input should be a valid list'."""
    location = error["loc"]
    field = _format_location(location)
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f"missing required key {field!r}"
    if kind == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return f"unknown key {field!r} (allowed: {allowed})"
    if kind == "model_type" and not location:
        return f"each item must be a mapping of keys, found {_yaml_type(value)}"
    if kind in {"tuple_type", "list_type"}:
        message = f"Input should be a valid list, found {_yaml_type(value)}"
    elif kind == "string_type":
        message = f"Input should be text, found {_yaml_type(value)} (quote it)"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "literal_error":
        choices = ", ".join(map(str, _literal_choices(model, location)))
        message = f"{value!r} is not one of: {choices}"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def _literal_choices(model: type[BaseModel], location: tuple[Any, ...]) -> tuple[Any, ...]:
    field = model.model_fields.get(str(location[0])) if location else None
    if field is None:
        return ()
    # Literal[...] itself, or Literal[...] | None.
    options = (
        [field.annotation]
        if get_origin(field.annotation) is Literal
        else get_args(field.annotation)
    )
    return tuple(
        choice for option in options if get_origin(option) is Literal for choice in get_args(option)
    )


def _format_location(location: tuple[Any, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _yaml_type(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    for python_type, name in names.items():
        if type(value) is python_type:
            return name
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return type(value).__name__


def _line_of(root: yaml.Node | None, *path: str | int) -> int | None:
    """The 1-based line of the deepest node along ``path`` (mapping keys and list indexes)."""
    import yaml

    if root is None:
        return None
    node, line = root, root.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                    line, node = key_node.start_mark.line + 1, value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                return line
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line


# --- Checks across items --------------------------------------------------------


def _check_topics(path: Path, topics: list[_Item]) -> None:
    first_with_key: dict[str, _Item] = {}
    for item in topics:
        earlier = first_with_key.setdefault(item.spec.key, item)
        if earlier is not item:
            raise DataFileError(
                path,
                f"{item.where}: duplicate key {item.spec.key!r} "
                f"(already used by {_reference(earlier)})",
                line=item.line,
            )
    for item in topics:
        target = item.spec.change_topic
        if target is not None and target not in first_with_key:
            raise DataFileError(
                path, f"{item.where}: change_topic {target!r} names no topic", line=item.line
            )
    _check_aliases(path, topics)


def _check_entities(path: Path, entities: list[_Item]) -> None:
    by_name: dict[str, _Item] = {}
    for item in entities:
        earlier = by_name.setdefault(item.spec.name, item)
        if earlier is not item:
            raise DataFileError(
                path,
                f"{item.where}: duplicate name {item.spec.name!r} "
                f"(already used by {_reference(earlier)})",
                line=item.line,
            )
    alias_owner = _check_aliases(path, entities)
    for item in entities:
        parent = item.spec.part_of
        if parent is not None and parent not in by_name:
            near = alias_owner.get(_comparison_key(parent))
            hint = f"; did you mean {near.spec.name!r}?" if near is not None else ""
            raise DataFileError(
                path,
                f"{item.where}: part_of {parent!r} names no entity in this file "
                f"(part_of takes a canonical name{hint})",
                line=item.line,
            )
    _check_part_of_cycles(path, entities, by_name)


def _check_aliases(path: Path, items: list[_Item]) -> dict[str, _Item]:
    """Reject a name or alias used by two items; return each folded alias's item."""
    owner: dict[str, _Item] = {}
    for item in items:
        for alias in item.spec.names():
            earlier = owner.setdefault(_comparison_key(alias), item)
            if earlier is not item:
                raise DataFileError(
                    path,
                    f"{item.where}: alias {alias!r} is also an alias of {_reference(earlier)}; "
                    "an alias may name one item only",
                    line=item.line,
                )
    return owner


def _check_part_of_cycles(path: Path, entities: list[_Item], by_name: dict[str, _Item]) -> None:
    cleared: set[str] = set()  # names whose part_of chain is known to end
    for item in entities:
        chain: list[str] = []
        name: str | None = item.spec.name
        while name is not None and name not in cleared:
            if name in chain:
                loop = chain[chain.index(name) :] + [name]
                start = by_name[name]
                raise DataFileError(
                    path,
                    f"{start.where}: part_of goes round in a circle: {' → '.join(loop)}",
                    line=start.line,
                )
            chain.append(name)
            name = by_name[name].spec.part_of
        cleared.update(chain)


def _reference(item: _Item) -> str:
    return item.where + (f" on line {item.line}" if item.line is not None else "")


def _without_repeats(names: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for name in names if name))
