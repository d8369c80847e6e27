"""`newsgraph`: run the local Neo4j, load and extract articles, serve the dashboard, run the demo."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from newsgraph.config import PROJECT_ROOT, Settings, load_settings

SAMPLES = PROJECT_ROOT / "samples" / "articles"


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


published_option = click.option(
    "--published", callback=_published, metavar="YYYY-MM-DD",
    help="Publication date for articles whose file gives none (relative dates resolve against it).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """Knowledge-graph explorer for Arabic news: who met whom, traced to the Arabic sentence.

    Connection settings come from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (or a .env file). Without
    NEO4J_URI, newsgraph manages its own Neo4j server on 127.0.0.1 (see `newsgraph neo4j`).
    """
    ctx.obj = load_settings()


# -- neo4j -------------------------------------------------------------------------------------


@main.group()
def neo4j() -> None:
    """Manage the local Neo4j 5.26 Community server (jars from Maven Central, no Docker)."""


@neo4j.command("start")
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to wait for Bolt to answer.")
@click.pass_obj
def neo4j_start(settings: Settings, timeout: float) -> None:
    """Provision (first time: download jars, write config, set password) and start the server."""
    report = _ensure_server(settings, timeout)
    if report is not None:
        click.echo(f"Neo4j answers on {settings.uri} (pid {report.pid}); "
                   + ("it was already running." if report.already_running else
                      f"started in {report.seconds:.1f}s, of which {report.provision_seconds:.1f}s fetching jars."))


@neo4j.command("stop")
@click.pass_obj
def neo4j_stop(settings: Settings) -> None:
    """Stop the managed server cleanly (SIGTERM, then wait)."""
    from newsgraph.server import ManagedNeo4j, ServerError

    try:
        stopped = ManagedNeo4j(settings).stop()
    except ServerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Neo4j stopped." if stopped else "Neo4j was not running.")


@neo4j.command("status")
@click.pass_obj
def neo4j_status(settings: Settings) -> None:
    """Report whether the server runs and answers; exit code 1 when it does not answer."""
    from newsgraph.server import status

    state = status(settings)
    where = f"managed, home {state.home}" if state.managed else "external (NEO4J_URI)"
    click.echo(f"uri: {state.uri} ({where})")
    if state.managed:
        click.echo(f"process: {'running, pid ' + str(state.pid) if state.running else 'not running'}")
    click.echo(f"answering: {'yes' if state.answering else 'no'}")
    sys.exit(0 if state.answering else 1)


def _ensure_server(settings: Settings, timeout: float = 180.0):  # type: ignore[no-untyped-def]
    """Starts the managed server when there is one; an external server is only checked."""
    from newsgraph.server import ManagedNeo4j, ServerError, answers

    if not settings.managed:
        try:
            answers(settings)
        except Exception as exc:
            raise click.ClickException(f"cannot reach Neo4j at {settings.uri}: {exc}") from None
        click.echo(f"Using the external Neo4j at {settings.uri}.", err=True)
        return None
    try:
        return ManagedNeo4j(settings).start(timeout)
    except ServerError as exc:
        raise click.ClickException(str(exc)) from None


# -- extract and load --------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="jsonl", show_default=True,
              help="jsonl: one JSON document per line; json: one indented JSON array.")
@click.option("--cluster", metavar="ADDRESS", help="Extract on a Dask cluster (its scheduler's address).")
def extract(paths: tuple[str, ...], published: date | None, fmt: str, cluster: str | None) -> None:
    """Print the people, countries, places and meetings found in each article (no database)."""
    from loader.cluster import ClusterError
    from loader.document import Extraction
    from loader.pipeline import extract_all

    documents = []
    failures = 0
    try:
        items = list(extract_all(paths, published, cluster=cluster)) if cluster else extract_all(paths, published)
    except ClusterError as exc:
        raise click.ClickException(str(exc)) from None
    for item in items:
        if isinstance(item, Extraction):
            if fmt == "jsonl":
                click.echo(json.dumps(item.to_json(), ensure_ascii=False, default=str))
            else:
                documents.append(item.to_json())
        else:
            failures += 1
            click.echo(f"error: {item}", err=True)
    if fmt == "json":
        click.echo(json.dumps(documents, ensure_ascii=False, indent=2, default=str))
    if failures:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@click.option("--batch-size", default=500, show_default=True, help="Articles per write transaction.")
@click.option("--workers", default=min(2, os.cpu_count() or 1), show_default=True,
              help="Processes extracting articles in parallel.")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JSON line per file or record that failed (path, problem).")
@click.option("--no-crf", is_flag=True, help="Skip the statistical person tagger: faster, finds fewer people.")
@click.option("--dry-run", is_flag=True, help="Read and extract only; write nothing.")
@click.option("--bulk", is_flag=True,
              help="Build a new database offline with neo4j-admin database import (newsgraph's own server only).")
@click.option("--replace", is_flag=True, help="With --bulk: replace a database that already holds nodes.")
@click.option("--keep-files", type=click.Path(file_okay=False, path_type=Path),
              help="With --bulk: write the import CSV files here and keep them.")
@click.option("--cluster", metavar="ADDRESS",
              help="Extract on a Dask cluster (its scheduler, e.g. tcp://10.0.0.5:8786) instead of --workers.")
@click.pass_obj
def load(settings: Settings, paths: tuple[str, ...], published: date | None, batch_size: int, workers: int,
         errors_file: Path | None, no_crf: bool, dry_run: bool, bulk: bool, replace: bool,
         keep_files: Path | None, cluster: str | None) -> None:
    """Extract articles under PATHS (files, folders, globs; any supported format) and write them into Neo4j."""
    from loader.cluster import ClusterError
    from loader.pipeline import load as run_load
    from newsgraph.db import apply_schema, connect

    if bulk and not dry_run:
        summary = _bulk(settings, paths, published, batch_size, workers, no_crf, replace, keep_files, cluster)
        _report_failures(summary.failed, errors_file)
        return
    driver = None
    if not dry_run:
        _ensure_server(settings)
        driver = connect(settings)
        apply_schema(driver, settings.database)
    started = datetime.now()
    try:
        with tqdm(unit="article", desc="loading", file=sys.stderr, smoothing=0.1) as bar:
            summary = run_load(paths, driver, settings.database, published, batch_size, workers,
                               on_progress=bar.update, statistical=not no_crf, cluster=cluster)
    except ClusterError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if driver is not None:
            driver.close()
    seconds = (datetime.now() - started).total_seconds()
    rate = summary.read / seconds if seconds else 0.0
    click.echo(f"files: {summary.files}; articles read: {summary.read} in {seconds:.1f}s ({rate:.0f}/s); "
               f"written: {summary.written}; skipped as already loaded: {summary.skipped}; "
               f"failed: {len(summary.failed)}")
    click.echo(f"meetings found: {summary.meetings}; nodes created: {summary.nodes_created}; "
               f"relationships created: {summary.relationships_created}"
               + ("  (dry run: nothing written)" if dry_run else ""))
    _report_failures(summary.failed, errors_file)
    if summary.failed and not summary.read:
        sys.exit(1)


def _report_failures(failed: list[Any], errors_file: Path | None) -> None:
    for failure in failed[:20]:
        click.echo(f"failed: {failure}", err=True)
    if len(failed) > 20:
        click.echo(f"… and {len(failed) - 20} more failures"
                   + (f" (all in {errors_file})" if errors_file else " (use --errors FILE for the list)"), err=True)
    if errors_file is not None:
        with errors_file.open("w", encoding="utf-8") as out:
            for failure in failed:
                out.write(json.dumps({"path": failure.path, "problem": failure.problem}, ensure_ascii=False) + "\n")


def _bulk(settings: Settings, paths: tuple[str, ...], published: date | None, batch_size: int, workers: int,
          no_crf: bool, replace: bool, keep_files: Path | None, cluster: str | None) -> Any:
    """`load --bulk`: the whole graph built in memory, then Neo4j's offline importer (loader.bulk.load)."""
    from loader.bulk.admin import BulkImportFailed
    from loader.bulk.load import BulkRefused, bulk_load
    from loader.cluster import ClusterError

    started = datetime.now()
    try:
        with tqdm(unit="article", desc="extracting", file=sys.stderr, smoothing=0.1) as bar:
            result = bulk_load(paths, settings, replace=replace, published=published, batch_size=batch_size,
                               workers=workers, statistical=not no_crf, on_progress=bar.update,
                               keep_files=keep_files, cluster=cluster)
    except (BulkRefused, BulkImportFailed, ClusterError) as exc:
        raise click.ClickException(str(exc)) from None
    seconds = (datetime.now() - started).total_seconds()
    summary = result.load
    click.echo(f"files: {summary.files}; articles read: {summary.read} in {seconds:.1f}s "
               f"({summary.read / seconds if seconds else 0:.0f}/s end to end); written: {summary.written}; "
               f"duplicates skipped: {summary.skipped}; failed: {len(summary.failed)}")
    click.echo(f"imported {result.nodes} nodes and {result.relationships} relationships; seconds: "
               + ", ".join(f"{step} {value:.1f}" for step, value in result.seconds.items()))
    return summary


@main.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--data-root", type=click.Path(file_okay=False, path_type=Path),
              default=PROJECT_ROOT.parent / "shared" / "data", show_default=True,
              help="Folder the gold lines' article paths are relative to.")
@click.option("--details", is_flag=True, help="List every miss and false alarm, article by article.")
def evaluate(gold: tuple[Path, ...], data_root: Path, details: bool) -> None:
    """Precision, recall and F1 of people, countries and meetings against gold annotations (JSONL)."""
    from loader.evaluate import evaluate as run_evaluation

    report = run_evaluation(gold, data_root)
    if details:
        for row in report.details:
            problems = {k: v for k, v in row.items() if k.startswith(("missed", "extra", "wrong")) and v}
            if problems:
                click.echo(f"== {row['article']}")
                for key, value in problems.items():
                    click.echo(f"  {key}: {value}")
    click.echo(report.table())
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if report.errors:
        sys.exit(1)


@main.command()
@click.pass_obj
def schema(settings: Settings) -> None:
    """Apply cypher/schema.cypher (constraints, indexes, full-text index) to the database."""
    from newsgraph.db import apply_schema, connect

    _ensure_server(settings)
    with connect(settings) as driver:
        count = apply_schema(driver, settings.database)
    click.echo(f"applied {count} schema statements")


# -- dashboard ---------------------------------------------------------------------------------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs sign-in (a users file) or --anonymous.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="gunicorn worker processes (each with its own threads and Neo4j driver).")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Threads per worker.")
@click.option("--allowed-host", "allowed", multiple=True,
              help="A Host name the dashboard answers to besides loopback (repeatable; also NEWSGRAPH_ALLOWED_HOSTS).")
@click.option("--anonymous", is_flag=True, help="Serve beyond loopback without sign-in (not recommended).")
@click.option("--debug", is_flag=True, help="Flask's development server with Dash debug mode (one user, loopback).")
@click.pass_obj
def dashboard(settings: Settings, host: str, port: int, workers: int, threads: int, allowed: tuple[str, ...],
              anonymous: bool, debug: bool) -> None:
    """Serve the explorer at http://HOST:PORT with gunicorn; sign-in when a users file exists
    (NEWSGRAPH_USERS_FILE, default .newsgraph-users; see `newsgraph users`)."""
    _serve(settings, host, port, debug, workers=workers, threads=threads, allowed=allowed, anonymous=anonymous)


def _serve(settings: Settings, host: str, port: int, debug: bool, *, workers: int = 2, threads: int = 4,
           allowed: tuple[str, ...] = (), anonymous: bool = False) -> None:
    from dashboard.auth import UsersFileError, load_users, users_file
    from dashboard.serve import allowed_hosts, build_server, is_loopback, serve

    path = users_file()
    try:
        users = load_users(path) if path.exists() else None
    except (UsersFileError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    if not users and not is_loopback(host) and not anonymous:
        raise click.ClickException(
            f"--host {host} makes the dashboard reachable from other machines, and no users file ({path}) is set "
            "up: add users with `newsgraph users add NAME`, or pass --anonymous to serve it without sign-in.")
    if debug and not is_loopback(host):
        raise click.ClickException("--debug serves Flask's development server: loopback only")
    hosts = allowed_hosts(host, allowed)
    _ensure_server(settings)
    sign_in = f"sign-in for {len(users)} user{'s' if len(users) != 1 else ''}" if users else "no sign-in"
    click.echo(f"Dashboard on http://{host}:{port}/ ({sign_in}; answers Host {', '.join(hosts)}; Ctrl+C to stop)")
    if debug:
        build_server(settings, hosts, users).run(host=host, port=port, debug=True)
        return
    serve(settings, host, port, workers, threads, hosts, users)


@main.group()
def users() -> None:
    """Dashboard users for shared deployments (NEWSGRAPH_USERS_FILE, default .newsgraph-users)."""


@users.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def users_add(name: str, password_stdin: bool) -> None:
    """Add NAME (or set a new password); the password is stored hashed."""
    from dashboard.auth import save_user, users_file

    password = sys.stdin.readline().rstrip("\n") if password_stdin else \
        click.prompt(f"password for {name}", hide_input=True, confirmation_prompt=True)
    try:
        save_user(users_file(), name, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{name} can sign in ({users_file()})")


@users.command("remove")
@click.argument("name")
def users_remove(name: str) -> None:
    """Remove NAME."""
    from dashboard.auth import remove_user, users_file

    if not remove_user(users_file(), name):
        raise click.ClickException(f"no user {name!r} in {users_file()}")
    click.echo(f"removed {name}")


@users.command("list")
def users_list() -> None:
    """The users who can sign in."""
    from dashboard.auth import UsersFileError, load_users, users_file

    path = users_file()
    try:
        names = sorted(load_users(path)) if path.exists() else []
    except UsersFileError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("\n".join(names) if names else f"no users ({path}): the dashboard runs without sign-in")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Start Neo4j and load the samples, then exit.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, no_serve: bool) -> None:
    """Start Neo4j, load the sample articles shipped in samples/articles, serve the dashboard."""
    ctx.invoke(neo4j_start)
    ctx.invoke(load, paths=(str(SAMPLES),))
    if not no_serve:
        _serve(ctx.obj, host, port, debug=False)


from newsgraph.cli_audit import audit  # noqa: E402
from newsgraph.cli_curate import curate  # noqa: E402
from newsgraph.cli_query import query  # noqa: E402

main.add_command(query)
main.add_command(audit)
main.add_command(curate)

if __name__ == "__main__":
    main()
