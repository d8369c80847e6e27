"""Saved Cypher queries: a library of `cypher/queries/*.cypher` files, run safely.

Each file is one query; its NAME is the file name without `.cypher`. The file starts with a header of
Cypher comments, then the body, which refers to its inputs as `$parameters` only:

    // title: Everyone a person met
    // title@ar: كل من التقاهم شخص
    // description: People and states who took part in meetings with the chosen person.
    // description@ar: الأشخاص والدول الذين شاركوا في لقاءات مع الشخص المختار.
    // param person: entity Person = person:vladimir-putin   -- whose meetings
    // param@ar person: لقاءات من
    // param type: choice call|meeting|visit|talks|summit|conference|any = any
    // param from: date = 2018-01-01
    // param limit: integer = 50
    // returns: graph
    MATCH ...

`title`, `description` and a parameter's `-- description` are English; `title@ar`, `description@ar` and
`param@ar NAME: …` give the Arabic (the dashboard shows the interface language's, English when one is missing).

Parameter types: `string`, `integer`, `date` (YYYY-MM-DD), `entity` or `entity LABEL` (a node id such as
`person:vladimir-putin`), `choice a|b|c`. `= DEFAULT` is optional; a parameter without one is required.
`returns` is `graph` (the query returns nodes, relationships or paths) or `table`.

Every saved or ad-hoc query is judged by its plan first (newsgraph.sandbox: only plans that read the graph
run), then runs in a READ transaction with a timeout (NEWSGRAPH_QUERY_TIMEOUT seconds, default 10), a row cap
(default 1000) and a cap on the bytes of the result (NEWSGRAPH_QUERY_MAX_BYTES, default 16 MB).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from neo4j import Driver, Transaction
from neo4j.exceptions import CypherSyntaxError, Neo4jError
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from loader.document import ID_PREFIXES
from newsgraph import sandbox
from newsgraph.config import PROJECT_ROOT
from newsgraph.messages import N_, TranslatableError

QUERIES_DIR = PROJECT_ROOT / "cypher" / "queries"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 1000
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
# Cypher integers are 64-bit: a larger parameter is refused here, with a message, not deep in the driver.
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1
PARAM_TYPES = ("string", "integer", "date", "entity", "choice")
ENTITY_LABELS = {**ID_PREFIXES, "Article": ""}  # Article ids carry no prefix
RETURNS = ("graph", "table")
# Languages a header may give besides English (`title@ar: …`).
TRANSLATED = ("ar",)

WRITE_MESSAGE = sandbox.WRITE_MESSAGE

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER_KEY = re.compile(r"(?P<key>[a-z]+)(?:@(?P<lang>[a-z]{2}))?(?: (?P<name>[A-Za-z_][A-Za-z0-9_]*))?")
_PARAM_LINE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<spec>.*)$")
_PARAM_REF = re.compile(r"\$(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))")
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.DOTALL)


class QueryFileError(ValueError):
    """A saved-query file that cannot be used; the message names the file and line."""


class QueryError(TranslatableError):
    """A query the database refused or stopped; the message is meant for the user as is (ours are translatable;
    the server's own, such as a syntax error, are shown as Neo4j wrote them)."""


class ParameterError(TranslatableError, ValueError):
    """A parameter value a saved query cannot take; the message says which and why."""


def query_timeout() -> float:
    raw = os.environ.get("NEWSGRAPH_QUERY_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"NEWSGRAPH_QUERY_TIMEOUT must be a number of seconds, got {raw!r}") from None
    if value <= 0:
        raise ValueError(f"NEWSGRAPH_QUERY_TIMEOUT must be positive, got {raw!r}")
    return value


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    label: str | None = None  # for entity parameters
    choices: tuple[str, ...] = ()  # for choice parameters
    default: str | None = None  # the raw text, converted like user input
    description: str = ""  # English
    translations: Mapping[str, str] = field(default_factory=dict)  # language code → description

    @property
    def required(self) -> bool:
        return self.default is None

    def description_in(self, lang: str) -> str:
        """The description in language `lang` ("en", "ar"), English when it has none in that language."""
        return self.translations.get(lang) or self.description

    def spec(self) -> str:
        kind = self.type
        if self.type == "entity" and self.label:
            kind = f"entity {self.label}"
        elif self.type == "choice":
            kind = "choice " + "|".join(self.choices)
        return kind + (f" = {self.default}" if self.default is not None else " (required)")

    def convert(self, raw: Any) -> Any:
        """User text (or an already typed value) → the value passed to Cypher; ValueError when invalid."""
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            if self.default is None:
                raise ParameterError(N_("parameter '{name}' is required"), name=self.name)
            raw = self.default
        text = raw.strip() if isinstance(raw, str) else raw
        if self.type == "string":
            return str(text)
        if self.type == "integer":
            if isinstance(text, bool):
                raise ParameterError(N_("parameter '{name}': {value!r} is not a whole number"), name=self.name,
                                     value=text)
            if isinstance(text, int) and INT_MIN <= text <= INT_MAX:
                return text
            if not re.fullmatch(r"[+-]?\d{1,19}", str(text)) or not INT_MIN <= int(str(text)) <= INT_MAX:
                raise ParameterError(N_("parameter '{name}': {value!r} is not a whole number between {low} and "
                                        "{high}"), name=self.name, value=str(text)[:40], low=INT_MIN, high=INT_MAX)
            return int(str(text))
        if self.type == "date":
            if isinstance(text, date):
                return text
            try:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(text)):
                    raise ValueError
                return date.fromisoformat(str(text))
            except ValueError:
                raise ParameterError(N_("parameter '{name}': {value!r} is not a date (YYYY-MM-DD)"), name=self.name,
                                     value=str(text)) from None
        if self.type == "choice":
            if str(text) not in self.choices:
                raise ParameterError(N_("parameter '{name}': {value!r} is not one of {choices}"), name=self.name,
                                     value=str(text), choices=", ".join(self.choices))
            return str(text)
        # entity: an id; with a label whose ids carry a prefix, the prefix must match
        value = str(text)
        prefix = ENTITY_LABELS.get(self.label or "", "")
        if self.label and prefix and not value.startswith(prefix + ":"):
            raise ParameterError(N_("parameter '{name}': {value!r} is not a {label} id ({prefix}:…)"), name=self.name,
                                 value=value, label=self.label, prefix=prefix)
        if not self.label and ":" not in value:
            raise ParameterError(N_("parameter '{name}': {value!r} is not an entity id (e.g. person:vladimir-putin)"),
                                 name=self.name, value=value)
        return value


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str  # English
    description: str  # English
    params: tuple[Param, ...]
    returns: str
    cypher: str
    path: Path | None = None
    source: str = ""  # the whole file, header included
    titles: Mapping[str, str] = field(default_factory=dict)  # language code → title (besides English)
    descriptions: Mapping[str, str] = field(default_factory=dict)  # language code → description

    def title_in(self, lang: str) -> str:
        """The title in language `lang` ("en", "ar"), English when the file gives none in that language."""
        return self.titles.get(lang) or self.title

    def description_in(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.description

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    def bind(self, raw: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Validate and convert parameters (defaults fill the gaps); ValueError with a plain message."""
        raw = dict(raw or {})
        known = {param.name for param in self.params}
        unknown = sorted(set(raw) - known)
        if unknown:
            names = ", ".join(f"'{u}'" for u in unknown)
            if known:
                raise ParameterError(N_("query '{query}' has no parameter {names} (it takes: {known})"),
                                     query=self.name, names=names, known=", ".join(sorted(known)))
            raise ParameterError(N_("query '{query}' has no parameter {names} (it takes none)"), query=self.name,
                                 names=names)
        return {param.name: param.convert(raw.get(param.name)) for param in self.params}


def _parse_param(spec_line: str, where: str) -> Param:
    match = _PARAM_LINE.match(spec_line)
    if not match:
        raise QueryFileError(f"{where}: a param line reads 'param NAME: TYPE [= DEFAULT] [-- description]'")
    name, spec = match["name"], match["spec"]
    spec, _, description = spec.partition("--")
    spec, has_default, default = spec.partition("=")
    words = spec.split()
    if not words:
        raise QueryFileError(f"{where}: parameter '{name}' has no type ({', '.join(PARAM_TYPES)})")
    kind = words[0]
    label: str | None = None
    choices: tuple[str, ...] = ()
    if kind not in PARAM_TYPES:
        raise QueryFileError(f"{where}: parameter '{name}' has unknown type '{kind}' ({', '.join(PARAM_TYPES)})")
    if kind == "entity":
        if len(words) > 2:
            raise QueryFileError(f"{where}: parameter '{name}': write 'entity' or 'entity LABEL'")
        if len(words) == 2:
            label = words[1]
            if label not in ENTITY_LABELS:
                raise QueryFileError(f"{where}: parameter '{name}' has unknown label '{label}' "
                                     f"({', '.join(ENTITY_LABELS)})")
    elif kind == "choice":
        choices = tuple(c.strip() for c in " ".join(words[1:]).split("|") if c.strip())
        if not choices:
            raise QueryFileError(f"{where}: parameter '{name}': a choice lists its values, e.g. 'choice a|b|c'")
    elif len(words) > 1:
        raise QueryFileError(f"{where}: parameter '{name}': unexpected '{' '.join(words[1:])}' after '{kind}'")
    param = Param(name=name, type=kind, label=label, choices=choices,
                  default=default.strip() if has_default else None, description=description.strip())
    if param.default is not None:
        try:
            param.convert(param.default)
        except ValueError as exc:
            raise QueryFileError(f"{where}: bad default: {exc}") from None
    return param


def parse_query(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Parse one saved query; QueryFileError names the file and line of the problem."""
    origin = str(path) if path else f"{name}.cypher"
    if not _NAME.match(name):
        raise QueryFileError(f"{origin}: the file name must be a NAME of letters, digits and _ (got '{name}')")
    lines = text.splitlines()
    header: dict[str, str] = {}  # "title", "title@ar", "description", … → text
    params: list[Param] = []
    param_translations: dict[str, dict[str, str]] = {}  # parameter → language code → description
    continued = "description"  # the description a free comment line continues (English or the last one given)
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            body_start = number - 1
            break
        content = stripped[2:].strip()
        key_text, colon, value = content.partition(":")
        where = f"{origin}:{number}"
        found = _HEADER_KEY.fullmatch(key_text.strip()) if colon else None
        if found is None:
            if content and "title" in header:  # a free comment line continues the description
                header[continued] = (header.get(continued, "") + " " + content).strip()
                continue
            raise QueryFileError(f"{where}: expected a header line such as '// title: …' or '// param NAME: TYPE'")
        key, lang, param_name = found["key"], found["lang"], found["name"]
        if lang is not None and (lang not in TRANSLATED or key not in ("title", "description", "param")):
            raise QueryFileError(f"{where}: unknown header key '{key_text.strip()}' (title, description and param "
                                 f"take a language: {', '.join('@' + code for code in TRANSLATED)})")
        if key == "param" and lang is not None:  # a parameter's description in another language
            if param_name not in param_translations:
                raise QueryFileError(f"{where}: 'param@{lang} NAME: …' comes after the 'param NAME: TYPE' line it "
                                     "translates")
            param_translations[param_name][lang] = value.strip()
        elif key == "param":
            params.append(_parse_param(content[len("param"):].strip(), where))
            if params[-1].name in param_translations:
                raise QueryFileError(f"{where}: parameter '{params[-1].name}' is declared twice")
            param_translations[params[-1].name] = {}
        elif key in ("title", "description", "returns", "name") and param_name is None:
            full_key = key + (f"@{lang}" if lang else "")
            if full_key in header and key != "description":
                raise QueryFileError(f"{where}: '{full_key}' is given twice")
            header[full_key] = (header.get(full_key, "") + " " + value.strip()).strip()
            if key == "description":
                continued = full_key
        else:
            raise QueryFileError(f"{where}: unknown header key '{key_text.strip()}' (title, description, param, "
                                 "returns)")
    cypher = "\n".join(lines[body_start:]).strip()
    if not header.get("title"):
        raise QueryFileError(f"{origin}:1: the header has no '// title: …' line")
    if header.get("name") and header["name"] != name:
        raise QueryFileError(f"{origin}:1: header name '{header['name']}' differs from the file name '{name}'")
    returns = header.get("returns", "table").split()[0] if header.get("returns") else "table"
    if returns not in RETURNS:
        raise QueryFileError(f"{origin}: 'returns' must be graph or table, not '{returns}'")
    if not cypher:
        raise QueryFileError(f"{origin}:{len(lines) + 1}: the query has no Cypher body after its header")
    declared = {param.name for param in params}
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        for match in _PARAM_REF.finditer(_STRINGS_AND_COMMENTS.sub("", line)):
            used = match[1] or match[2]
            if used not in declared:
                raise QueryFileError(f"{origin}:{number}: ${used} is not a declared parameter "
                                     f"(add '// param {used}: TYPE = DEFAULT')")
    params = [replace(param, translations=param_translations[param.name]) for param in params]
    return SavedQuery(name=name, title=header["title"], description=header.get("description", ""),
                      params=tuple(params), returns=returns, cypher=cypher, path=path, source=text,
                      titles={code: header[f"title@{code}"] for code in TRANSLATED if f"title@{code}" in header},
                      descriptions={code: header[f"description@{code}"] for code in TRANSLATED
                                    if f"description@{code}" in header})


def load_library(folder: Path | str = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every `*.cypher` file of the folder, by NAME, sorted; the first bad file raises QueryFileError."""
    folder = Path(folder)
    if not folder.is_dir():
        raise QueryFileError(f"{folder}: no such folder of saved queries")
    library: dict[str, SavedQuery] = {}
    for path in sorted(folder.glob("*.cypher")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryFileError(f"{path}: cannot read: {exc}") from None
        library[path.stem] = parse_query(text, path.stem, path)
    return library


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What the library's parse depends on: each file's name, modification time and size."""
    signature = []
    for path in sorted(folder.glob("*.cypher")):
        try:
            stat = path.stat()
        except OSError:  # removed meanwhile: the parse that follows reports it, if it is still missing
            continue
        signature.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


@lru_cache(maxsize=8)
def _parsed_library(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Mapping[str, SavedQuery]:
    return MappingProxyType(load_library(folder))  # shared between callers: read-only


def cached_library(folder: Path | str = QUERIES_DIR) -> Mapping[str, SavedQuery]:
    """The library, parsed once and kept until one of its files changes (a file added, removed, edited): a
    long-running server reads the folder's file times on each call, and parses only when they changed."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise QueryFileError(f"{folder}: no such folder of saved queries")
    return _parsed_library(folder, _signature(folder))


def get_query(name: str, folder: Path | str = QUERIES_DIR) -> SavedQuery:
    library = load_library(folder)
    if name not in library:
        raise KeyError(f"no saved query named '{name}' (see `newsgraph query list`)")
    return library[name]


# -- results --------------------------------------------------------------------------------------


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]  # plain Python values: nodes/relationships/paths as dicts
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # key → {id, labels, properties}
    relationships: dict[str, dict[str, Any]] = field(default_factory=dict)  # element id → {id, type, start, end, …}
    truncated: bool = False  # more rows than the cap, or more bytes
    too_large: bool = False  # cut because the rows so far reached the byte cap
    seconds: float = 0.0

    @property
    def is_graph(self) -> bool:
        return bool(self.nodes)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _node_key(node: Node) -> str:
    value = node.get("id")
    return str(value) if value is not None else node.element_id


def _plain(value: Any, graph: QueryResult) -> Any:
    if isinstance(value, Node):
        data = {"id": _node_key(value), "labels": sorted(value.labels),
                "properties": {k: _plain(v, graph) for k, v in value.items()}}
        known = graph.nodes.get(data["id"])
        if known is None or (not known["labels"] and data["labels"]):
            graph.nodes[data["id"]] = data
        return data
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        data = {"id": value.element_id, "type": value.type,
                "start": _node_key(start) if start is not None else None,
                "end": _node_key(end) if end is not None else None,
                "properties": {k: _plain(v, graph) for k, v in value.items()}}
        graph.relationships[value.element_id] = data
        for node in (start, end):
            if node is not None and _node_key(node) not in graph.nodes:
                _plain(node, graph)
        return data
    if isinstance(value, GraphPath):
        return {"nodes": [_plain(n, graph) for n in value.nodes],
                "relationships": [_plain(r, graph) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [_plain(v, graph) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, graph) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, bytes):
        return value.hex()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def cell_text(value: Any) -> str | int | float | bool | None:
    """A plain value as one table cell: nodes by name and id, relationships by type, paths as chains."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict) and "labels" in value and "properties" in value:
        props = value["properties"]
        name = props.get("name") or props.get("title") or props.get("name_en")
        return f"{name} ({value['id']})" if name and name != value["id"] else value["id"]
    if isinstance(value, dict) and "type" in value and "start" in value and "end" in value:
        return f"({value['start']})-[:{value['type']}]->({value['end']})"
    if isinstance(value, dict) and set(value) == {"nodes", "relationships"}:
        return " → ".join(str(cell_text(n)) for n in value["nodes"])
    if isinstance(value, list):
        return "; ".join(str(cell_text(v)) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)


# -- running --------------------------------------------------------------------------------------


def _user_error(exc: Neo4jError, timeout: float) -> QueryError:
    code = exc.code or ""
    if code == "Neo.ClientError.Statement.AccessMode" or "AccessMode" in code:
        return QueryError(WRITE_MESSAGE)
    if code.startswith("Neo.ClientError.Transaction.TransactionTimedOut") or "TimedOut" in code:
        return QueryError(N_("The query was stopped after {seconds:g} s (the time limit, NEWSGRAPH_QUERY_TIMEOUT)."),
                          seconds=timeout)
    if code == "Neo.ClientError.Procedure.ProcedureCallFailed" and "write" in (exc.message or "").lower():
        return QueryError(WRITE_MESSAGE)
    if "MemoryPoolOutOfMemoryError" in code or "MemoryLimitExceeded" in code:
        return QueryError(N_("The query was stopped: it needs more memory than one query may use. Narrow it (a "
                             "LIMIT, fewer collected values) and run it again."))
    return QueryError(exc.message or str(exc))


def query_max_bytes() -> int:
    raw = os.environ.get("NEWSGRAPH_QUERY_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not re.fullmatch(r"\d{1,12}", raw) or int(raw) <= 0:
        raise ValueError(f"NEWSGRAPH_QUERY_MAX_BYTES must be a positive whole number of bytes, got {raw!r}")
    return int(raw)


def _size(row: list[Any]) -> int:
    """About how many bytes a row takes once rendered (its JSON text)."""
    return len(json.dumps(row, ensure_ascii=False, default=str))


def run_cypher(driver: Driver, database: str, cypher: str, parameters: Mapping[str, Any] | None = None, *,
               timeout: float | None = None, max_rows: int = DEFAULT_MAX_ROWS,
               max_bytes: int | None = None) -> QueryResult:
    """Judge the query by its plan (newsgraph.sandbox), then run it in a READ transaction with a timeout, a row
    cap and a byte cap; QueryError with a plain message."""
    seconds = query_timeout() if timeout is None else float(timeout)
    byte_cap = query_max_bytes() if max_bytes is None else max_bytes
    if not cypher or not cypher.strip():
        raise QueryError(N_("The query is empty."))
    values = dict(parameters or {})
    check_parameters(values)
    started = time.monotonic()

    def work(tx: Transaction) -> QueryResult:
        sandbox.check(tx, cypher, values, database)
        cursor = tx.run(cypher, values)
        result = QueryResult(columns=list(cursor.keys()), rows=[])
        size = 0
        for record in cursor:
            if len(result.rows) >= max_rows:
                result.truncated = True
                break
            row = [_plain(value, result) for value in record.values()]
            size += _size(row)
            if size > byte_cap:
                result.truncated = True
                result.too_large = True
                break
            result.rows.append(row)
        return result

    try:
        # One explicit READ transaction, tried once: a query stopped for its memory or time must not be re-run by
        # the driver's retries (it would fail the same way, several times over).
        with driver.session(database=database, default_access_mode="READ") as session, \
                session.begin_transaction(timeout=seconds) as tx:
            result = work(tx)
            tx.rollback()
    except sandbox.UnsafeQuery as exc:
        raise QueryError(str(exc)) from None
    except CypherSyntaxError as exc:
        raise QueryError(exc.message or str(exc)) from None
    except Neo4jError as exc:  # ClientError included
        raise _user_error(exc, seconds) from None
    result.seconds = time.monotonic() - started
    return result


def check_parameters(values: Mapping[str, Any]) -> None:
    """Parameters Cypher can hold: integers in 64 bits (QueryError otherwise, before anything is sent)."""
    for name, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool) and not INT_MIN <= value <= INT_MAX:
            raise QueryError(N_("Parameter '{name}' is too large a number for Cypher (at most {high})."), name=name,
                             high=INT_MAX)


def run_saved(driver: Driver, database: str, query: SavedQuery, raw_params: Mapping[str, Any] | None = None, *,
              timeout: float | None = None, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
    """Validate the parameters (ValueError), then run the saved query like an ad-hoc one (QueryError)."""
    return run_cypher(driver, database, query.cypher, query.bind(raw_params), timeout=timeout, max_rows=max_rows)


def parse_param_pairs(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`key=value` strings (CLI --param) → a dict; ValueError for a pair without '='."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise ValueError(f"--param {pair!r}: write key=value")
        params[key.strip()] = value
    return params


def guess_param(value: str) -> Any:
    """Ad-hoc parameters have no declared type: whole numbers and YYYY-MM-DD dates are typed, the rest is text."""
    if re.fullmatch(r"[+-]?\d+", value):
        return int(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value
