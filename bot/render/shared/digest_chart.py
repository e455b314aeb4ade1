"""The 8-week trend as a PNG: on-time and early-warning rates, and counts kept, late, broken."""

from __future__ import annotations

import io

from bot.services.replies.digest import Digest


def chart_file(digest: Digest) -> tuple[str, str, bytes]:
    """The digest's 8-week chart, to send with it: (file name, title, PNG)."""
    name = f"kept-{digest.team}-{digest.week}.png".replace(" ", "-")
    return name, f"{digest.team}: 8 weeks to {digest.week}", trend_png(digest)


def trend_png(digest: Digest) -> bytes:
    """A chart of the digest's trend, as PNG bytes (matplotlib's Agg: no display needed)."""
    # Imported here: matplotlib takes a second to load, and only the digest draws.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    weeks = [t.week[-3:] for t in digest.trend]
    positions = list(range(len(weeks)))
    figure = Figure(figsize=(8, 4.5), dpi=100)
    counts = figure.add_subplot()
    kept = [t.counts.kept_on_time for t in digest.trend]
    late = [t.counts.slipped - t.counts.broken for t in digest.trend]
    broken = [t.counts.broken for t in digest.trend]
    counts.bar(positions, kept, color="#2e7d32", label="kept on time")
    counts.bar(positions, late, bottom=kept, color="#f9a825", label="late or renegotiated")
    stacked = [k + x for k, x in zip(kept, late, strict=True)]
    counts.bar(positions, broken, bottom=stacked, color="#c62828", label="broken")
    counts.set_ylabel("promises due")
    counts.set_xticks(positions, weeks)
    rates = counts.twinx()
    for values, style, label in (
        ([t.counts.on_time_rate for t in digest.trend], "o-", "on-time rate"),
        ([t.counts.early_warning_rate for t in digest.trend], "s--", "early-warning rate"),
    ):
        shown = [(x, v * 100) for x, v in zip(positions, values, strict=True) if v is not None]
        if shown:
            rates.plot(
                [x for x, _ in shown], [y for _, y in shown], style, color="#1a237e", label=label
            )
    rates.set_ylim(0, 105)
    rates.set_ylabel("%")
    figure.suptitle(f"{digest.team}: promises kept, 8 weeks to {digest.week}")
    handles = counts.get_legend_handles_labels()
    more = rates.get_legend_handles_labels()
    counts.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left", fontsize="small")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
