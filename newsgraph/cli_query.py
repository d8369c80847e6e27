"""`newsgraph query`: list, show and run the saved Cypher queries of cypher/queries/, or ad-hoc Cypher.

Every query runs in a READ transaction with a timeout (NEWSGRAPH_QUERY_TIMEOUT, default 10 s) and a row cap.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newsgraph.saved_queries import (
    DEFAULT_MAX_ROWS,
    QUERIES_DIR,
    QueryError,
    QueryFileError,
    QueryResult,
    SavedQuery,
    cell_text,
    guess_param,
    load_library,
    parse_param_pairs,
    run_cypher,
    run_saved,
)

param_option = click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
                            help="A query parameter; repeat for several.")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                             show_default=True, help="Output format.")
limit_option = click.option("--max-rows", type=int, default=DEFAULT_MAX_ROWS, show_default=True,
                            help="Row cap: stop reading after this many rows.")
timeout_option = click.option("--timeout", type=float, default=None,
                              help="Seconds before the query is stopped [default: NEWSGRAPH_QUERY_TIMEOUT or 10].")


def _library_folder() -> Path:
    return Path(os.environ.get("NEWSGRAPH_QUERIES_DIR") or QUERIES_DIR)


def _library() -> dict[str, SavedQuery]:
    try:
        return load_library(_library_folder())
    except QueryFileError as exc:
        raise click.ClickException(str(exc)) from None


def _get(name: str) -> SavedQuery:
    library = _library()
    if name not in library:
        raise click.ClickException(f"no saved query named '{name}'; `newsgraph query list` shows them all")
    return library[name]


@click.group()
def query() -> None:
    """Saved and ad-hoc Cypher queries, read-only, with a timeout and a row cap."""


@query.command("list")
def query_list() -> None:
    """List the saved queries: NAME, title and description."""
    for saved in _library().values():
        click.echo(f"{saved.name}  [{saved.returns}]  {saved.title}")
        if saved.description:
            click.echo(f"    {saved.description}")


@query.command("show")
@click.argument("name")
def query_show(name: str) -> None:
    """Show one saved query: its parameters and its Cypher."""
    saved = _get(name)
    click.echo(f"{saved.name}: {saved.title}")
    if saved.description:
        click.echo(saved.description)
    click.echo(f"returns: {saved.returns}")
    click.echo("parameters:" if saved.params else "parameters: none")
    for param in saved.params:
        click.echo(f"  {param.name}: {param.spec()}" + (f"  -- {param.description}" if param.description else ""))
    click.echo("")
    click.echo(saved.cypher)


def _driver_for_context():  # type: ignore[no-untyped-def]
    from newsgraph.cli import _ensure_server
    from newsgraph.db import connect

    settings = click.get_current_context().obj
    if settings is None:
        from newsgraph.config import load_settings

        settings = load_settings()
    with contextlib.redirect_stdout(sys.stderr):  # keep stdout for the result (csv/json)
        _ensure_server(settings)
    return connect(settings), settings.database


def _emit(result: QueryResult, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"columns": result.columns, "rows": result.records(), "truncated": result.truncated},
                              ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if (text := cell_text(value)) is None else text for value in row])
        click.echo(buffer.getvalue(), nl=False)
    else:
        cells = [[_cell(value) for value in row] for row in result.rows]
        widths = [max([len(column)] + [len(row[i]) for row in cells]) for i, column in enumerate(result.columns)]
        widths = [min(width, 60) for width in widths]
        click.echo("  ".join(column.ljust(widths[i]) for i, column in enumerate(result.columns)))
        click.echo("  ".join("-" * width for width in widths))
        for row in cells:
            click.echo("  ".join(text[:60].ljust(widths[i]) for i, text in enumerate(row)))
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
                   + (f", cut at {len(result.rows)}" if result.truncated else "") + f", {result.seconds:.2f} s)",
                   err=True)
    if result.too_large:
        click.echo(f"warning: only the first {len(result.rows)} rows are shown: the result is larger than "
                   "NEWSGRAPH_QUERY_MAX_BYTES", err=True)
    elif result.truncated and fmt != "table":
        click.echo(f"warning: only the first {len(result.rows)} rows are shown (--max-rows)", err=True)


def _cell(value: Any) -> str:
    text = cell_text(value)
    return "" if text is None else str(text)


@query.command("run")
@click.argument("name")
@param_option
@format_option
@limit_option
@timeout_option
def query_run(name: str, params: tuple[str, ...], fmt: str, max_rows: int, timeout: float | None) -> None:
    """Run the saved query NAME with --param key=value for any parameter whose default you want to change."""
    saved = _get(name)
    try:
        bound = saved.bind(parse_param_pairs(params))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    _execute(fmt, lambda driver, database: run_saved(driver, database, saved, bound, timeout=timeout,
                                                     max_rows=max_rows))


@query.command("run-cypher")
@click.argument("cypher")
@param_option
@format_option
@limit_option
@timeout_option
def query_run_cypher(cypher: str, params: tuple[str, ...], fmt: str, max_rows: int, timeout: float | None) -> None:
    """Run ad-hoc read-only CYPHER; --param values that look like integers or YYYY-MM-DD dates are typed."""
    try:
        bound = {key: guess_param(value) for key, value in parse_param_pairs(params).items()}
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    _execute(fmt, lambda driver, database: run_cypher(driver, database, cypher, bound, timeout=timeout,
                                                      max_rows=max_rows))


def _execute(fmt: str, work: Callable[[Any, str], Any]) -> None:
    """Runs `work(driver, database)` against the configured server and prints its result as `fmt`."""
    driver, database = _driver_for_context()
    try:
        with driver:
            result = work(driver, database)
    except (QueryError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    _emit(result, fmt)
