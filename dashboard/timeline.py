"""The timeline under the canvas: every dated meeting on screen, by type, sized by the reports it has.

Points carry the meeting's node id (customdata), so a click on the timeline selects the node on the canvas
and a click on the canvas highlights the point.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from dashboard.style import LABEL_STYLES, MEETING_TYPE_TITLES
from dashboard.view import MEETING_TYPES


def figure(meetings: list[dict[str, Any]], selected: str | None = None, lang: str = "ar") -> go.Figure:
    dated = sorted((m for m in meetings if m.get("date")), key=lambda m: (str(m["date"]), m["id"]))
    titles = MEETING_TYPE_TITLES if lang == "ar" else {kind: kind for kind in MEETING_TYPES}
    fig = go.Figure()
    ids = [m["id"] for m in dated]
    fig.add_scatter(
        x=[str(m["date"])[:10] for m in dated],
        y=[titles.get(m.get("type", ""), m.get("type", "")) for m in dated],
        mode="markers",
        customdata=ids,
        text=[m.get("caption", "") if lang == "ar" else m.get("latin", "") for m in dated],
        hovertemplate="%{text}<br>%{x}<extra></extra>",
        marker={"size": [8 + 2 * min(int(m.get("article_count") or 1), 10) for m in dated],
                "color": LABEL_STYLES["Meeting"]["color"], "line": {"width": 1, "color": "#fff"}},
        selectedpoints=[ids.index(selected)] if selected in ids else None,
        selected={"marker": {"color": "#f1c40f", "opacity": 1}},
        unselected={"marker": {"opacity": 0.35 if selected in ids else 0.9}},
    )
    fig.update_layout(
        height=150, margin={"l": 80, "r": 20, "t": 8, "b": 28}, showlegend=False, clickmode="event",
        xaxis={"type": "date"}, yaxis={"categoryorder": "array",
                                       "categoryarray": [titles[kind] for kind in MEETING_TYPES]},
        font={"family": "Noto Sans Arabic, Noto Sans, sans-serif", "size": 11},
        plot_bgcolor="#fbfbfc",
    )
    if not dated:
        fig.add_annotation(text="لا لقاءات مؤرخة على اللوحة" if lang == "ar" else "No dated meetings on the canvas",
                           showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return fig
