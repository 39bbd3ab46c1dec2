"""claimtrack: extract, store and cross-check the figures news articles state.

Only the version lives here so that ``claimtrack --help`` stays fast; the
library surface is :mod:`claimtrack.api`.
"""

__version__ = "0.1.0"
