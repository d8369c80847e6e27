"""Characters no article means: NUL, escapes, form feeds and the other C0 controls but tab and line breaks.
Removed wherever text enters (file bytes, JSON escapes such as \\u0000, HTML entities in TREC files), so none
reaches the extractor, Neo4j or an export."""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_controls(text: str) -> str:
    return _CONTROLS.sub("", text)
