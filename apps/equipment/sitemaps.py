"""Sitemap section of the equipment catalogue: every published device."""

from django.contrib.sitemaps import Sitemap

from .models import Equipment


class EquipmentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Equipment.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
