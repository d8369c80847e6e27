"""Mixed-direction text on the page: values of the other script (ids, Latin names, Cypher inside Arabic; Arabic
names inside English) isolated with <bdi>, so the browser's bidi algorithm does not pull the sentence's
punctuation to the wrong end."""

from __future__ import annotations

from string import Formatter
from typing import Any

from dash import html

from dashboard.i18n import Language

# Unicode's first-strong isolate and its pop: <bdi> for plain-text places (dropdown options, titles).
FSI, PDI = "\u2068", "\u2069"


def isolate(text: object) -> str:
    """Text set apart from the direction of what surrounds it, where markup cannot go."""
    return f"{FSI}{text}{PDI}"


def isolated(template: str, **values: object) -> list[Any]:
    """A translated template with each `{field}` filled and wrapped in <bdi> (format specs and conversions kept).
    Pass the template through `t()` unfilled, so Babel finds it: `isolated(lang.t("No query named {name}"), name=x)`
    → ["لا يوجد استعلام باسم ", Bdi("x")]."""
    out: list[Any] = []
    formatter = Formatter()
    for literal, field, spec, conversion in formatter.parse(template):
        if literal:
            out.append(literal)
        if field is None:
            continue
        value = formatter.convert_field(formatter.get_field(field, (), values)[0], conversion)
        out.append(html.Bdi(formatter.format_field(value, spec or "")))
    return out


def isolated_error(lang: Language, exc: BaseException) -> list[Any]:
    """An exception's message in `lang` (see Language.error), its values isolated; other errors as raised."""
    template = getattr(exc, "template", None)
    values = getattr(exc, "values", None)
    if not isinstance(template, str) or not template or not values:
        return [lang.error(exc)]
    return isolated(lang.t(template), **values)
