"""Whether a queued message still fits the moment it would go out. A nudge or a digest that
waited (a platform's outage, Kept down) is not sent at 04:00 nor after its reason passed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.nudges import Stage
from bot.domain.working_hours import NoWorkingDay, WorkingHours
from bot.services.outbox import Deferred, Delivery, Nudge, Outdated, TeamDigest

# Nudges about a deadline still ahead: after it, the plan's later nudges say what fits.
_BEFORE_THE_DEADLINE = frozenset({Stage.HEADS_UP, Stage.FINAL_CHECK})
# A nudge planned for the end of the day ("Did you deliver it?" at 17:00) still goes a little
# after it; later it waits for the next morning.
LATE_GRACE = timedelta(hours=1)


def untimely(delivery: Delivery, now: datetime, hours: WorkingHours) -> Deferred | Outdated | None:
    """Why `delivery` is not to go out now (None: it is). Only what Kept sends unasked, to a
    person, is held to working hours: news a request caused goes at once."""
    payload = delivery.payload
    if isinstance(payload, Nudge):
        if payload.stage in _BEFORE_THE_DEADLINE and now >= payload.due:
            return Outdated(f"{payload.stage} not sent: the promise came due before it could go")
        zone = payload.to_zone or payload.zone
    elif isinstance(payload, TeamDigest):
        zone = payload.zone
    else:
        return None
    try:
        opens = hours.next_slot_from(now - LATE_GRACE, ZoneInfo(zone))
    except NoWorkingDay:  # a calendar with no working day: never hold anything back
        return None
    if opens > now:
        return Deferred(opens, f"waits for working hours in {zone}")
    return None
