"""`newsgraph curate …`: analyst corrections from the command line (loader.corrections does the work)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from newsgraph.config import Settings


@click.group()
def curate() -> None:
    """Corrections: merge, split, reject, edit, change a meeting's participants; list, undo, share them."""


def _run(settings: Settings, work: Callable[[Any, str], Any]) -> Any:
    from loader.corrections import CorrectionError
    from newsgraph.cli import _ensure_server
    from newsgraph.db import connect

    _ensure_server(settings)
    with connect(settings) as driver:
        try:
            return work(driver, settings.database)
        except CorrectionError as exc:
            raise click.ClickException(str(exc)) from None


@curate.command("merge")
@click.argument("ids", nargs=-1, required=True)
@click.option("--keep", help="The id that stands for all (default: the one with the most links).")
@click.option("--note", default="", help="Why: kept with the correction.")
@click.pass_obj
def curate_merge(settings: Settings, ids: tuple[str, ...], keep: str | None, note: str) -> None:
    """Merge nodes of one kind (ID ID...) into one: names become aliases, every link moves over."""
    from loader.corrections import merge

    correction = _run(settings, lambda driver, db: merge(driver, db, list(ids), keep=keep, note=note))
    click.echo(f"{correction.id}: merged {', '.join(t for t in correction.targets if t != correction.keep)} "
               f"into {correction.keep}")


@curate.command("reject")
@click.argument("node_id")
@click.option("--note", default="", help="Why: kept with the correction.")
@click.pass_obj
def curate_reject(settings: Settings, node_id: str, note: str) -> None:
    """Mark an entity or a meeting as an extraction error: hidden everywhere, never deleted."""
    from loader.corrections import reject

    correction = _run(settings, lambda driver, db: reject(driver, db, node_id, note=note))
    click.echo(f"{correction.id}: rejected {node_id}")


@curate.command("log")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def curate_log(settings: Settings, fmt: str) -> None:
    """Every correction, oldest first (JSON: one object per correction, with its id)."""
    from loader.corrections import log

    corrections = _run(settings, log)
    if fmt == "json":
        for correction in corrections:
            click.echo(json.dumps(correction.to_json(), ensure_ascii=False))
        return
    if not corrections:
        click.echo("no corrections yet")
    for correction in corrections:
        state = f"  (undone by {correction.undone_by} {correction.undone_at})" if correction.undone else ""
        what = describe(correction)
        click.echo(f"{correction.id}  {correction.at}  {correction.user:<12} {correction.kind:<6} {what}"
                   f"{'  — ' + correction.note if correction.note else ''}{state}")


def describe(correction: Any) -> str:
    """One line saying what a correction did."""
    targets, changes = correction.targets, correction.changes
    if correction.kind == "merge":
        return f"{', '.join(t for t in targets if t != correction.keep)} → {correction.keep}"
    if correction.kind == "split":
        return (f"{targets[0]} → {changes.get('id')} ({', '.join(changes.get('aliases') or [])}"
                f"{'; ' + ', '.join(changes.get('articles') or []) if changes.get('articles') else ''})")
    if correction.kind in ("add_participant", "remove_participant"):
        return f"{targets[0]} {'+' if correction.kind.startswith('add') else '−'} {targets[1]}"
    return ", ".join(targets) + "".join(f" {key}={value}" for key, value in changes.items())


@curate.command("undo")
@click.argument("correction_id")
@click.pass_obj
def curate_undo(settings: Settings, correction_id: str) -> None:
    """Restore exactly the state before a correction."""
    from loader.corrections import undo

    correction = _run(settings, lambda driver, db: undo(driver, db, correction_id))
    click.echo(f"{correction.id}: undone")


@curate.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.pass_obj
def curate_export(settings: Settings, path: str) -> None:
    """Write every correction to PATH as JSON lines (stable ids), for a colleague's `curate import`."""
    from loader.corrections import export

    entries = _run(settings, export)
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
    click.echo(f"{len(entries)} correction{'s' if len(entries) != 1 else ''} written to {path}")


@curate.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def curate_import(settings: Settings, path: str) -> None:
    """Apply the corrections of PATH (from `curate export`) in order; those already here are left alone and
    those that cannot apply are reported. Exit code 1 when there were conflicts."""
    from loader.corrections import import_corrections

    entries: list[object] = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"{path}:{number}: not JSON ({exc.msg})") from None
    report = _run(settings, lambda driver, db: import_corrections(driver, db, entries))  # type: ignore[arg-type]
    click.echo(f"applied {len(report.applied)}, already here {len(report.already)}, "
               f"undone where made {len(report.skipped)}, conflicts {len(report.conflicts)}")
    for conflict in report.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    if report.conflicts:
        raise SystemExit(1)


@curate.command("edit")
@click.argument("node_id")
@click.option("--name", help="The canonical Arabic name (the old one stays an alias).")
@click.option("--name-en", help="The English name.")
@click.option("--country", help="The ISO code of the state a person represents or a place is in.")
@click.option("--type", "kind", type=click.Choice(["Person", "Organization", "Place"]),
              help="Another kind for the node (its id changes prefix: person:x → org:x).")
@click.option("--note", default="", help="Why: kept with the correction.")
@click.pass_obj
def curate_edit(settings: Settings, node_id: str, name: str | None, name_en: str | None, country: str | None,
                kind: str | None, note: str) -> None:
    """Set an entity's name, English name, kind or country; later loads keep the analyst's values."""
    from loader.corrections import edit

    changes = {key: value for key, value in (("name", name), ("name_en", name_en), ("country", country),
                                             ("type", kind)) if value is not None}
    if not changes:
        raise click.UsageError("give at least one of --name, --name-en, --country, --type")
    correction = _run(settings, lambda driver, db: edit(driver, db, node_id, changes, note=note))
    click.echo(f"{correction.id}: {node_id} " + ", ".join(f"{k} = {v}" for k, v in correction.changes.items()))


def _listed(values: tuple[str, ...]) -> list[str]:
    """Repeated options and comma-separated lists alike («--aliases أ,ب --aliases ج»)."""
    return [item.strip() for value in values for item in value.replace("،", ",").split(",") if item.strip()]


@curate.command("split")
@click.argument("node_id")
@click.option("--aliases", multiple=True, help="Names that belong to the new node (comma-separated or repeated).")
@click.option("--articles", multiple=True, help="Article ids whose mentions all go to the new node.")
@click.option("--note", default="", help="Why: kept with the correction.")
@click.pass_obj
def curate_split(settings: Settings, node_id: str, aliases: tuple[str, ...], articles: tuple[str, ...],
                 note: str) -> None:
    """Split a wrongly merged node: the names (and articles) given make a new node, with the meetings reported
    only there. Later articles using those names join the new node."""
    from loader.corrections import split

    if not aliases and not articles:
        raise click.UsageError("give --aliases or --articles (what goes to the new node)")
    correction = _run(settings, lambda driver, db: split(driver, db, node_id, _listed(aliases), _listed(articles),
                                                         note=note))
    click.echo(f"{correction.id}: split {correction.changes['id']} off {node_id}")


@curate.command("participant")
@click.argument("action", type=click.Choice(["add", "remove"]))
@click.argument("meeting_id")
@click.argument("entity_id")
@click.option("--note", default="", help="Why: kept with the correction, shown on the link.")
@click.pass_obj
def curate_participant(settings: Settings, action: str, meeting_id: str, entity_id: str, note: str) -> None:
    """Add a participant (person, country, organization) to a meeting, or remove one."""
    from loader.corrections import participant

    correction = _run(settings, lambda driver, db: participant(driver, db, action, meeting_id, entity_id,
                                                               note=note))
    click.echo(f"{correction.id}: {'added' if action == 'add' else 'removed'} {entity_id} "
               f"{'to' if action == 'add' else 'from'} {meeting_id}")
