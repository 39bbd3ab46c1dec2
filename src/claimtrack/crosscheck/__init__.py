"""Cross-checking: which claims speak of one fact, and whether their figures agree.

Pure: no database, no rich. ``crosscheck(claims, parents=..., rates=...)`` groups
claims and gives every pair a verdict; ``verdict_for(a, b)`` judges one pair;
``interval_of(claim)`` says what a figure admits.
"""

from claimtrack.crosscheck.grouping import Group, Pair, crosscheck
from claimtrack.crosscheck.intervals import DEFAULT_TOLERANCE, Interval, interval_of
from claimtrack.crosscheck.rates import RateTable
from claimtrack.crosscheck.verdicts import Verdict, verdict_for

__all__ = ["DEFAULT_TOLERANCE", "Group", "Interval", "Pair", "RateTable", "Verdict",
           "crosscheck", "interval_of", "verdict_for"]
