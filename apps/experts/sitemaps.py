"""Sitemap of the expert pages visitors can see."""

from django.contrib.sitemaps import Sitemap

from .models import Expert


class ExpertSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Expert.objects.in_directory().only("slug", "updated_at").order_by("display_order", "name", "pk")

    def lastmod(self, expert):
        return expert.updated_at
