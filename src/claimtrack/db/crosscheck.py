"""The saved cross-check: `claimtrack conflicts --save` writes it, the conflict_pairs view reads it.

Verdicts need Python (intervals, exchange rates), so the database holds the
result of the last saved run rather than computing it in a view.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from claimtrack.db.models import CrosscheckPair, utc_now


def replace_saved_pairs(session: Session, groups: Iterable, tolerance: float) -> int:
    """Empty crosscheck_pair, then store every pair of ``groups``; never commits."""
    session.execute(delete(CrosscheckPair))
    saved_at = utc_now()
    rows = [
        # A group's topic may be a measure as an article words it: cut to the column.
        {"group_number": number, "group_subject": group.subject[:500],
         "group_topic": group.topic[:100],
         "group_statement": group.statement, "group_unit": group.unit,
         "group_period": group.period, "group_verdict": group.verdict,
         "claim_a_id": pair.a, "claim_b_id": pair.b, "verdict": pair.verdict,
         "reason": pair.reason, "gap": pair.gap, "rate": pair.rate, "tolerance": tolerance,
         "saved_at": saved_at}
        for number, group in enumerate(groups, start=1) for pair in group.pairs
    ]
    if rows:
        session.execute(insert(CrosscheckPair), rows)
    return len(rows)
