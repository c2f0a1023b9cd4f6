"""Sitemaps of the public pages; each content app adds its own section here as it lands."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.departments.sitemaps import DepartmentSitemap
from apps.equipment.sitemaps import EquipmentSitemap
from apps.experts.sitemaps import ExpertSitemap
from apps.news.sitemaps import ArticleSitemap


class StaticViewSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "history:about", "history:timeline", "history:honors", "core:campuses"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "static": StaticViewSitemap,
    "departments": DepartmentSitemap,
    "equipment": EquipmentSitemap,
    "experts": ExpertSitemap,
    "news": ArticleSitemap,
}
