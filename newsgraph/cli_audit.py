"""`newsgraph audit …`: draw samples of the loaded graph for judging by hand, and score judged samples."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsgraph.config import Settings


@click.group()
def audit() -> None:
    """Samples of the graph to judge by hand (kept in eval/audits/), and their scores."""


@audit.command("people")
@click.option("--sample", "size", type=click.IntRange(1, 100_000), help="Draw N Person nodes at random.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the random draw.")
@click.option("--top", type=click.IntRange(1, 100_000), help="The N people with the most meetings.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.pass_obj
def audit_people(settings: Settings, size: int | None, seed: int, top: int | None, fmt: str) -> None:
    """Print people with their meeting and article counts and one sentence that names them.

    JSONL output has an empty `judgement` for the auditor: person, partial, duplicate or not_person.
    """
    from newsgraph.audit import sample_people, top_people
    from newsgraph.cli import _ensure_server
    from newsgraph.db import connect

    if (size is None) == (top is None):
        raise click.UsageError("give exactly one of --sample N or --top N")
    _ensure_server(settings)
    with connect(settings) as driver:
        rows = top_people(driver, settings.database, top) if top else \
            sample_people(driver, settings.database, size or 0, seed)
    for number, row in enumerate(rows, start=1):
        if fmt == "jsonl":
            click.echo(json.dumps(row.to_json(), ensure_ascii=False))
        else:
            click.echo(f"{number:>4}  {row.name}  [{row.id}]  meetings {row.meetings}, articles {row.articles}")
            click.echo(f"      {row.evidence}")


@audit.command("meetings")
@click.option("--top-pairs", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="The N pairs of parties with the most reports.")
@click.pass_obj
def audit_meetings(settings: Settings, top_pairs: int) -> None:
    """Every Meeting node of the most-reported pairs of parties, as JSON lines with an empty `encounter` for the
    auditor (one label per real encounter; «none» for a node that reports none)."""
    from newsgraph.audit import pair_meetings
    from newsgraph.cli import _ensure_server
    from newsgraph.db import connect

    _ensure_server(settings)
    with connect(settings) as driver:
        for row in pair_meetings(driver, settings.database, top_pairs):
            click.echo(json.dumps(row, ensure_ascii=False))


@audit.command("score")
@click.argument("judged", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def audit_score(judged: Path) -> None:
    """Scores of a judged JSONL file: people (counts per judgement, precision) or meetings (Meeting nodes per
    real encounter)."""
    from newsgraph.audit import nodes_per_encounter, precision_of

    lines = [line for line in judged.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        rows = [json.loads(line) for line in lines]
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{judged}: not JSON lines ({exc.msg})") from None
    result = nodes_per_encounter(rows) if rows and "encounter" in rows[0] else precision_of(rows)
    click.echo(json.dumps(result, ensure_ascii=False))
