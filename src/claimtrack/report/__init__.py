"""The static HTML report: ``claimtrack report --output DIR``.

site.py gathers what the library API returns and writes the pages (atomically,
through staging.py); chart.py lays out the SVG interval charts, timeline.py
finds when each figure first appeared and who repeated it, highlight.py marks
the claims in an article's text, html.py is the Jinja2 environment, and
templates/ holds the pages. Nothing here touches the network: every page
carries its own CSS and no script, and opens from the file system.
"""
