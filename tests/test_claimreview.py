"""`claimtrack export claimreview`: schema.org ClaimReview JSON-LD that carries every
property Google's fact-check documentation requires or recommends, expanded by a
JSON-LD processor (pyld) to schema.org terms of the right types."""

from __future__ import annotations

import getpass
import json

import pytest

from tests.conftest import SEEDS

SITE = "https://factcheck.example.org/claims/{id}"

# Google Search Central, "Fact check (ClaimReview) structured data": the properties
# it requires, and those it recommends, per type.
REQUIRED = {"ClaimReview": {"claimReviewed", "reviewRating", "url"},
            "Rating": {"alternateName"}}
RECOMMENDED = {"ClaimReview": {"author", "datePublished", "itemReviewed"},
               "Claim": {"appearance", "author", "datePublished"},
               "Rating": {"bestRating", "ratingValue", "worstRating"}}

# The schema.org properties each type used here may carry (schema.org: ClaimReview
# and Article are CreativeWorks, Claim too; Person and Organization are Things).
SCHEMA_ORG_PROPERTIES = {
    "ClaimReview": {"claimReviewed", "reviewRating", "itemReviewed", "reviewBody", "author",
                    "datePublished", "url", "name"},
    "Claim": {"text", "author", "datePublished", "appearance", "firstAppearance", "name"},
    "Article": {"url", "headline", "author", "datePublished", "publisher", "inLanguage"},
    "Rating": {"ratingValue", "bestRating", "worstRating", "alternateName", "name"},
    "Person": {"name", "url", "sameAs"},
    "Organization": {"name", "url", "sameAs"},
}

CURATED_VERIFIED = """\
article: {file: 002_a30d2c9fff7fa017.txt}
claims:
  - quote: 558万美元
    kind: money
    value: 5580000
    unit: USD
    subject: DeepSeek-V3
    topic: training_cost
    status: verified
    note: DeepSeek's V3 report gives 5.576 million dollars
"""


@pytest.fixture
def reviews(cli, db_url, tmp_path):
    """Seeds with one claim verified by a curated file, one verified and one disputed by hand."""
    assert cli("ingest", str(SEEDS)).exit_code == 0
    curated = tmp_path / "cost.yaml"
    curated.write_text(CURATED_VERIFIED, encoding="utf-8")
    assert cli("curate", "import", str(curated)).exit_code == 0
    from claimtrack import api

    [share] = api.find_claims(db=db_url, subject="Nvidia", topic="share_price_change")
    [bound] = [claim for claim in api.find_claims(db=db_url, topic="training_cost")
               if claim.surface == "不到600万美元"]
    note = "Nvidia closed down 16.97%"
    assert cli("claim", "verify", str(share.id), "--note", note).exit_code == 0
    assert cli("claim", "dispute", str(bound.id)).exit_code == 0

    def export(*args):
        result = cli("export", "claimreview", "--site", SITE, *args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return export, share, bound


def _typed(node, found):
    """Every object with an @type in a JSON-LD tree, as (type, object)."""
    if isinstance(node, dict):
        if "@type" in node:
            found.append((node["@type"], node))
        for value in node.values():
            _typed(value, found)
    elif isinstance(node, list):
        for value in node:
            _typed(value, found)
    return found


def test_every_required_and_recommended_property_is_there(reviews):
    export, share, bound = reviews
    document = export()
    assert isinstance(document, list) and len(document) == 3
    for review in document:
        assert review["@context"] == "https://schema.org"
        objects = _typed(review, [])
        for kind, node in objects:
            assert set(node) - {"@type", "@context"} <= SCHEMA_ORG_PROPERTIES[kind], kind
            missing = (REQUIRED.get(kind, set()) | RECOMMENDED.get(kind, set())) - set(node)
            assert not missing, f"{kind} lacks {missing}"
            for value in node.values():
                assert value not in (None, "", []), node
        assert {kind for kind, _ in objects} >= {"ClaimReview", "Rating", "Claim", "Article"}
        assert len(review["claimReviewed"]) < 75
        assert review["url"].startswith("https://factcheck.example.org/claims/")


def test_verdicts_authors_and_appearance(reviews):
    export, share, bound = reviews
    by_url = {review["url"]: review for review in export()}
    by_hand = by_url[f"https://factcheck.example.org/claims/{share.id}"]
    assert by_hand["reviewRating"] == {"@type": "Rating", "ratingValue": 2, "bestRating": 2,
                                       "worstRating": 1, "alternateName": "Accurate"}
    assert by_hand["author"] == {"@type": "Person", "name": getpass.getuser()}
    assert by_hand["reviewBody"] == "Nvidia closed down 16.97%"
    assert by_hand["claimReviewed"] == "Nvidia share price change: down 17%"
    claim = by_hand["itemReviewed"]
    assert claim["text"] == share.sentence and claim["datePublished"] == "2025-02-11"
    assert claim["appearance"] == {
        "@type": "Article", "url": "https://new.qq.com/rain/a/20250211A088XY00",
        "headline": "胡泳：DeepSeek给我们带来怎样的世界？",
        "author": [{"@type": "Person", "name": "胡泳"}], "datePublished": "2025-02-11",
        "publisher": {"@type": "Organization", "name": "qq.com"}, "inLanguage": "zh-Hans"}

    disputed = by_url[f"https://factcheck.example.org/claims/{bound.id}"]
    assert disputed["reviewRating"]["ratingValue"] == 1
    assert disputed["reviewRating"]["alternateName"] == "Disputed"
    # DeepSeek is an organisation in the entity data.
    assert disputed["itemReviewed"]["author"] == {"@type": "Organization", "name": "DeepSeek"}

    [curated] = [review for url, review in by_url.items()
                 if review["claimReviewed"] == "DeepSeek-V3 training cost: 558万美元"]
    # Verified by a curated file: the organisation is the author.
    assert curated["author"] == {"@type": "Organization", "name": "factcheck.example.org",
                                 "url": "https://factcheck.example.org"}
    assert curated["itemReviewed"]["datePublished"] == "2025-02"  # a month, as stated


def test_status_filter_publisher_and_anchor_urls(reviews):
    export, share, bound = reviews
    assert {review["reviewRating"]["alternateName"] for review in export(
        "--status", "disputed")} == {"Disputed"}
    [review] = [review for review in export("--publisher", "Example Checks")
                if review["author"]["@type"] == "Organization"]
    assert review["author"]["name"] == "Example Checks"


def test_site_is_required_and_statuses_checked(cli, tmp_path):
    result = cli("export", "claimreview")
    assert result.exit_code == 2 and "--site" in result.stderr
    result = cli("export", "claimreview", "--site", "https://x.org/", "--status", "rejected")
    assert result.exit_code == 2 and "'rejected' is not a verdict" in result.stderr
    result = cli("export", "claimreview", "--site", "x.org")
    assert result.exit_code == 2 and "not an http(s) URL" in result.stderr
    out = tmp_path / "reviews.json"
    result = cli("export", "claimreview", "--site", "https://x.org/fc", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == f"{out}: 0 claim reviews\n"
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_a_json_ld_processor_expands_it_to_schema_org_terms(reviews):
    jsonld = pytest.importorskip("pyld.jsonld")
    export, _, _ = reviews
    document = export()

    def offline_loader(url, options=None):
        # No network in tests: schema.org's context maps every term into its vocabulary.
        assert url.rstrip("/") == "https://schema.org", url
        return {"contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "https://schema.org/"}}}

    expanded = jsonld.expand(document, {"documentLoader": offline_loader})
    assert len(expanded) == 3

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict) or "@value" in node:
            return
        [kind] = node["@type"]
        assert kind.startswith("https://schema.org/")
        name = kind.removeprefix("https://schema.org/")
        for key, value in node.items():
            if key == "@type":
                continue
            assert key.startswith("https://schema.org/"), key
            assert key.removeprefix("https://schema.org/") in SCHEMA_ORG_PROPERTIES[name], key
            walk(value)

    walk(expanded)
    assert expanded[0]["@type"] == ["https://schema.org/ClaimReview"]
