"""The graph in memory (memory.MemoryStore) as the CSV files of `neo4j-admin database import full`.

One file per node label and one per relationship type and pair of end labels, each with a typed header
(`id:ID(Person)`, `aliases:string[]`, `published:date`, `:START_ID(Person)`, `:END_ID(Article)`). Every string is
quoted (texts hold commas, quotes and line breaks: the importer runs with --multiline-fields); a property a node
does not have is an empty, unquoted field. Arrays are joined by ARRAY_DELIMITER, a control character no stored text
holds (loader.read.clean removes them).

The importer stores no empty array, where Neo4j's SET stores one: `empty_arrays` lists them, for the bulk path to
set after the import.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from loader.bulk.memory import MemoryStore

ARRAY_DELIMITER = "\x1f"

Node = tuple[str, dict[str, Any]]  # label, properties (with "id")
Relationship = tuple[str, str, str, str, str, dict[str, Any]]  # type, start label, start id, end label, end id, props


def nodes(store: MemoryStore) -> Iterator[Node]:
    for label, by_id in store.nodes.items():
        for node_id, props in by_id.items():
            yield label, store.article(node_id) if label == "Article" else props


def relationships(store: MemoryStore) -> Iterator[Relationship]:
    for article, mentions in store.mentions.items():
        for (label, entity), props in mentions.items():
            yield "MENTIONED_IN", label, entity, "Article", article, props
    for (person, country), props in store.represents.items():
        yield "REPRESENTS", "Person", person, "Country", country, props
    for place, country in store.located:
        yield "LOCATED_IN", "Place", place, "Country", country, {}
    for meeting, reports in store.reports.items():
        for article, props in reports.items():
            yield "REPORTED_IN", "Meeting", meeting, "Article", article, props
    for meeting, parties in store.participants.items():
        for (label, entity), props in parties.items():
            yield "PARTICIPATED_IN", label, entity, "Meeting", meeting, props
    for meeting, places in store.held.items():
        for label, place in places:
            yield "HELD_IN", "Meeting", meeting, label, place, {}
    for meeting, countries in store.concerns.items():
        for country in countries:
            yield "CONCERNS", "Meeting", meeting, "Country", country, {}


def _kind(values: list[Any]) -> str:
    """The importer's type for a column, from the values it holds."""
    sample = next((v for v in values if v is not None and v != []), None)
    if isinstance(sample, list):
        return _kind(sample) + "[]"
    if isinstance(sample, bool):
        return "boolean"
    if isinstance(sample, int):
        return "long"
    if isinstance(sample, float):
        return "double"
    if isinstance(sample, datetime):
        return "datetime"
    if isinstance(sample, date):
        return "date"
    return "string"


def _field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _quoted(ARRAY_DELIMITER.join(_plain(v) for v in value))
    if isinstance(value, str):
        return _quoted(value)
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class ImportFiles:
    nodes: list[tuple[str, Path]]  # label, file
    relationships: list[tuple[str, Path]]  # type, file
    empty_arrays: list[tuple[str, str, dict[str, list[Any]]]]  # label, node id, {property: []}
    node_count: int = 0
    relationship_count: int = 0


def write(store: MemoryStore, folder: Path) -> ImportFiles:
    """Write the import files into `folder` (created); returns them with what the import cannot store."""
    folder.mkdir(parents=True, exist_ok=True)
    files = ImportFiles([], [], [])
    for label, by_id in store.nodes.items():
        if not by_id:
            continue
        # The columns and their types from the properties held in memory (an article's text is a string).
        values: dict[str, list[Any]] = defaultdict(list)
        for props in by_id.values():
            for key, value in props.items():
                if key != "id" and len(values[key]) < 1000 and value is not None:
                    values[key].append(value)
            empties = {key: [] for key, value in props.items() if value == []}
            if empties:
                files.empty_arrays.append((label, props["id"], empties))
        if label == "Article":
            values["text"].append("")
        columns = list(values)
        kinds = {column: _kind(values[column]) for column in columns}
        path = folder / f"nodes_{label}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(",".join([f"id:ID({label})", *(f"{c}:{kinds[c]}" for c in columns)]) + "\n")
            for node_id in by_id:
                row = store.article(node_id) if label == "Article" else by_id[node_id]
                out.write(",".join([_field(row["id"]), *(_field(row.get(c)) for c in columns)]) + "\n")
        files.nodes.append((label, path))
        files.node_count += len(by_id)
    by_type: dict[tuple[str, str, str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for kind, start_label, start, end_label, end, props in relationships(store):
        by_type[(kind, start_label, end_label)].append((start, end, props))
        if any(value == [] for value in props.values()):
            raise ValueError(f"an empty list on a {kind} relationship cannot be imported")
    for (kind, start_label, end_label), rows in sorted(by_type.items()):
        path = folder / f"rels_{kind}_{start_label}_{end_label}.csv"
        columns = list(dict.fromkeys(key for _, _, props in rows for key in props))
        kinds = {column: _kind([props.get(column) for _, _, props in rows]) for column in columns}
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(",".join([f":START_ID({start_label})", f":END_ID({end_label})",
                                *(f"{c}:{kinds[c]}" for c in columns)]) + "\n")
            for start, end, props in rows:
                out.write(",".join([_field(start), _field(end), *(_field(props.get(c)) for c in columns)]) + "\n")
        files.relationships.append((kind, path))
        files.relationship_count += len(rows)
    return files
