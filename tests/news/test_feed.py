"""The news feed as a feed reader reads it: editors' text that looks like markup arrives as text, never as a tag."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.urls import reverse

from tests.core.html_checks import executable_parts, parse
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# What CKEditor stores when an editor types this: the characters, escaped once as HTML text.
TYPED_MARKUP = "<img src=x onerror=alert(1)>"
BODY_WITH_TYPED_MARKUP = "<p>&lt;img src=x onerror=alert(1)&gt;</p>"


def descriptions(client):
    """Each item's <description> as a reader gets it: the XML's text, which the reader then shows as HTML."""
    feed = ElementTree.fromstring(client.get(reverse("news:feed")).content)  # noqa: S314 - our own feed
    return [item.findtext("description") for item in feed.iter("item")]


@pytest.mark.parametrize(
    "article",
    [{"body": BODY_WITH_TYPED_MARKUP, "summary": ""}, {"summary": TYPED_MARKUP}],
    ids=["typed-in-the-body", "typed-in-the-summary"],
)
def test_markup_typed_by_an_editor_reaches_a_feed_reader_as_text(client, article):
    ArticleFactory(**article)

    [description] = descriptions(client)

    elements, _ = parse(description)
    assert elements == []
    assert executable_parts(description) == []
    assert description == "&lt;img src=x onerror=alert(1)&gt;"  # the reader shows what the editor typed


def test_a_description_is_the_teasers_plain_text(client):
    ArticleFactory(summary="", body="<p>第一段：门诊 &amp; 急诊。</p><h2>小标题</h2><p>第二段。</p>")

    assert descriptions(client) == ["第一段：门诊 &amp; 急诊。 小标题 第二段。"]
