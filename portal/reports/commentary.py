"""Short plain-English commentary on the annual report, from its own figures."""

from typing import Any

from flask_babel import gettext, ngettext


def _change(name: str, now: int, before: int) -> str:
    if before == now:
        return gettext("%(what)s stayed the same as last year (%(num)d).", what=name, num=now)
    difference = abs(now - before)
    share = round(difference * 100 / before) if before else None
    if now > before:
        words = ngettext("%(what)s rose by %(num)d", "%(what)s rose by %(num)d", difference,
                         what=name)  # fmt: skip
    else:
        words = ngettext("%(what)s fell by %(num)d", "%(what)s fell by %(num)d", difference,
                         what=name)  # fmt: skip
    if share is None:
        return gettext("%(change)s from last year.", change=words)
    return gettext("%(change)s (%(share)d%%) from last year.", change=words, share=share)


def commentary(report: dict[str, Any]) -> list[str]:
    """A few sentences on the year, compared with the year before."""
    previous = next(iter(report["previous_years"].values()))
    stage1 = report["stage1"]
    lines = [
        _change(gettext("Stage 1 complaints"), stage1["received"], previous["stage1"]["received"]),
    ]
    if stage1["upheld_or_partly_pct"] is not None:
        lines.append(gettext(
            "%(pct)d%% of stage 1 complaints were upheld or partly upheld "
            "(%(before)s last year).", pct=stage1["upheld_or_partly_pct"],
            before=_percent(previous["stage1"]["upheld_or_partly_pct"]),
        ))  # fmt: skip
    if stage1["met_pct"] is not None:
        lines.append(gettext(
            "%(pct)d%% of stage 1 responses were in time (%(before)s last year).",
            pct=stage1["met_pct"], before=_percent(previous["stage1"]["met_pct"]),
        ))  # fmt: skip
    children = report["children"]["complaints"]
    lines.append(ngettext("Children and young people made %(num)d complaint themselves.",
                          "Children and young people made %(num)d complaints themselves.",
                          children))  # fmt: skip
    return lines


def _percent(value: int | None) -> str:
    return gettext("%(pct)d%%", pct=value) if value is not None else gettext("no figure")
