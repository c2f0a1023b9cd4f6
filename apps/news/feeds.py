"""The news feed (RSS 2.0) at /news/feed/: published articles only, newest first.

Feed readers show an item's description as HTML once they have read it out of the XML, so the plain
text of a teaser is escaped for HTML here, and the XML writer escapes it again: what an editor typed
that looks like markup reaches the reader as text, never as a tag.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Article

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = _("衡阳市中心医院 新闻动态")
    description = _("衡阳市中心医院发布的医院新闻、媒体报道、通知公告、党建工作与健康科普。")
    language = "zh-cn"

    def link(self):
        return reverse("news:list")

    def items(self):
        # Pinned articles stay first on the site, but a feed reader wants the newest first.
        return Article.objects.published().for_listing().order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(Truncator(item.teaser).chars(200))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return " ".join(item.byline_parts()) or None

    def item_categories(self, item):
        return [item.category.name]

    def item_guid(self, item):
        # A tag URI (RFC 4151): stable when the slug is edited, so readers never show an article twice.
        return f"tag:{urlsplit(settings.SITE_URL).hostname},2022:news-article-{item.pk}"

    item_guid_is_permalink = False
