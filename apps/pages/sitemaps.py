"""Sitemaps of the public pages; each content app adds its own section here as it lands."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.departments.sitemaps import DepartmentSitemap
from apps.equipment.sitemaps import EquipmentSitemap
from apps.experts.sitemaps import ExpertSitemap
from apps.news.sitemaps import ArticleSitemap

from .models import ServicePage


class StaticViewSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "history:about",
            "history:timeline",
            "history:honors",
            "core:campuses",
            "departments:list",
            "experts:list",
            "equipment:list",
            "news:list",
            "pages:guide",
        ]

    def location(self, item):
        return reverse(item)


class ServicePageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ServicePage.objects.published().only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at


sitemaps = {
    "services": ServicePageSitemap,
    "static": StaticViewSitemap,
    "departments": DepartmentSitemap,
    "equipment": EquipmentSitemap,
    "experts": ExpertSitemap,
    "news": ArticleSitemap,
}
