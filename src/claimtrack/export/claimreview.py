"""schema.org ClaimReview JSON-LD for reviewed claims (`claimtrack export claimreview`).

It follows Google's fact-check structured data. Required: ``claimReviewed``,
``reviewRating`` with its ``alternateName``, and ``url``. Recommended, all given
when claimtrack knows them: the review's ``author`` and ``datePublished``,
``itemReviewed`` (a ``Claim`` with its ``author``, ``datePublished`` and
``appearance``: the article, with its url, headline, authors, date, outlet and
language) and the rating's ``ratingValue``, ``bestRating`` and ``worstRating``.

Decisions:

- The verdict. A review status is the verdict on the figure as the source
  states it, on a two-point scale: verified is 2 of 2 ("Accurate": checked and
  right), disputed is 1 of 2 ("Disputed": questionable). Unreviewed claims have
  no verdict, and a rejected claim is a misreading of the text, not a claim the
  source made, so neither is ever exported.
- The review's author: the person whose review gave the claim its status (the
  review log's reviewer); a status set by a curated file, reviewed like code,
  has the publishing organisation as author (``--publisher``, else the site's
  host name).
- The review's url: the fact-check page, ``--site``. A site URL holding
  ``{id}`` gets the claim's id there (https://example.org/claims/{id}); any
  other gets ``#claim-ID`` appended, one anchor per review as Google asks of a
  page with several fact checks.
- ``claimReviewed`` (Google: under 75 characters, no verdict in it): subject,
  topic and the figure as written (``DeepSeek-V3 training cost: 558万美元``),
  else the sentence cut to 75 characters. The whole sentence is the Claim's
  ``text``.
- Dates keep their stated precision (ISO 8601: ``2025-02`` is a month).
- A speaker the entity data knows is a ``Person`` or an ``Organization`` by its
  kind; a name as written (no entity) is taken for a ``Person``. A claim with
  no speaker is the article's: its first author, else its outlet.

The output is one JSON array of ClaimReview objects, each with its own
``@context``, the shape Google reads for several items on one page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

CONTEXT = "https://schema.org"
# status: (ratingValue, alternateName)
RATINGS = {"verified": (2, "Accurate"), "disputed": (1, "Disputed")}
BEST_RATING, WORST_RATING = 2, 1
SUMMARY_LIMIT = 75
_DIRECTION_WORDS = {"increase": "up", "decrease": "down"}


def claim_reviews(items: Iterable, *, site: str, publisher: str | None = None) -> list[dict]:
    """ClaimReview objects for schemas.ReviewedClaim items."""
    return [claim_review(item, site=site, publisher=publisher) for item in items]


def claim_review(item, *, site: str, publisher: str | None = None) -> dict[str, Any]:
    """One ClaimReview for a schemas.ReviewedClaim (see the module docstring)."""
    claim = item.claim
    value, label = RATINGS[claim.status]
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": review_url(site, claim.id),
        "claimReviewed": summary(item),
        "datePublished": item.reviewed_at.date().isoformat(),
        "author": (_agent("Person", item.reviewer) if item.reviewer else
                   _organisation(site, publisher)),
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": BEST_RATING,
                         "worstRating": WORST_RATING, "alternateName": label},
        "itemReviewed": _claim(item),
    }
    if item.note:
        review["reviewBody"] = item.note
    return review


def review_url(site: str, claim_id: int) -> str:
    """The fact-check page of one claim: site with {id} filled in, else #claim-ID appended."""
    if "{id}" in site:
        return site.replace("{id}", str(claim_id))
    return f"{site.split('#', 1)[0]}#claim-{claim_id}"


def summary(item) -> str:
    """claimReviewed: subject, topic and figure (with up/down for a change), at most 75 chars."""
    claim = item.claim
    topic = item.topic_name
    if claim.subject and topic and topic[1:2].islower():  # "Training cost", not "GDP"
        topic = topic[0].lower() + topic[1:]
    head = " ".join(part for part in (claim.subject, topic) if part)
    if head:
        direction = _DIRECTION_WORDS.get(claim.direction)
        figure = f"{direction} {claim.surface}" if direction else claim.surface
        text = f"{head}: {figure}"
    else:
        text = " ".join(claim.sentence.split())
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


def _claim(item) -> dict[str, Any]:
    claim, article = item.claim, item.article
    published = article.published_display or None
    result: dict[str, Any] = {"@type": "Claim", "text": claim.sentence}
    author = _claim_author(item)
    if author:
        result["author"] = author
    if published:
        result["datePublished"] = published
    appearance: dict[str, Any] = {"@type": "Article"}
    if article.url:
        appearance["url"] = article.url
    if article.title:
        appearance["headline"] = article.title
    if article.authors:
        appearance["author"] = [_agent("Person", name) for name in article.authors]
    if published:
        appearance["datePublished"] = published
    if article.outlet:
        appearance["publisher"] = _agent("Organization", article.outlet)
    appearance["inLanguage"] = article.language
    result["appearance"] = appearance
    return result


def _claim_author(item) -> dict[str, str] | None:
    claim, article = item.claim, item.article
    if claim.speaker:
        kind = "Person" if item.speaker_kind in (None, "person") else "Organization"
        return _agent(kind, claim.speaker)
    if article.authors:
        return _agent("Person", article.authors[0])
    if article.outlet:
        return _agent("Organization", article.outlet)
    return None


def _agent(kind: str, name: str) -> dict[str, str]:
    return {"@type": kind, "name": name}


def _organisation(site: str, publisher: str | None) -> dict[str, str]:
    parts = urlsplit(site)
    return {"@type": "Organization", "name": publisher or parts.hostname or site,
            "url": f"{parts.scheme}://{parts.netloc}"}
