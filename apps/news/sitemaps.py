"""Sitemap section for news: every published article, with the time it was last edited."""

from django.contrib.sitemaps import Sitemap

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.published().order_by("-published_at", "-id").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
