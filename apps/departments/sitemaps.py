"""Sitemap of the department pages visitors can see."""

from django.contrib.sitemaps import Sitemap

from .models import Department


class DepartmentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Department.objects.visible().only("slug", "updated_at")

    def lastmod(self, department):
        return department.updated_at
