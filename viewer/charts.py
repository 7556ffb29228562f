"""The whole-text amendment timeline chart (Altair, rendered by ``st.altair_chart``)."""

from __future__ import annotations

import altair as alt
import pandas as pd


def timeline_chart(timeline: pd.DataFrame) -> alt.LayerChart | alt.Chart:
    """Amending instruments on a date axis against the articles they touched.

    Actions are told apart by point shape as well as colour; the tooltip names
    the instrument, article, provision and action.
    """
    order = timeline.sort_values("Order")["Article"].drop_duplicates().tolist()
    base = alt.Chart(timeline).encode(
        x=alt.X(
            "Date:T",
            title="Date of the amending instrument",
            axis=alt.Axis(
                format="%Y",
                labelAngle=0,
                tickCount={"interval": "year", "step": 1},
            ),
        ),
        y=alt.Y("Article:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
        tooltip=["Instrument", "Date:T", "Article", "Provision", "Action", "Version"],
    )
    points = base.mark_point(size=90, filled=True, opacity=0.9).encode(
        shape=alt.Shape("Action:N", title="Action"),
        color=alt.Color("Action:N", title="Action", scale=alt.Scale(scheme="dark2")),
    )
    height = max(160, 20 * len(order))
    return points.properties(height=height)


def instruments_chart(instruments: pd.DataFrame) -> alt.Chart:
    """Provisions touched per amending instrument, in date order."""
    return (
        alt.Chart(instruments)
        .mark_bar(color="#1f4e9c")
        .encode(
            x=alt.X("Instrument:N", sort=instruments["Instrument"].tolist(), title="Amending instrument"),
            y=alt.Y("Provisions touched:Q"),
            tooltip=["Instrument", "Date:T", "Provisions touched", "Articles"],
        )
        .properties(height=220)
    )
