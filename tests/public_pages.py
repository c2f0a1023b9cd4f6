"""Every public page type of the URL contract, with a real example of each from the database.

Accessibility, header and query-count tests walk this list, so a new page type is covered by
all of them once it is added here.
"""

from django.db.models import Count
from django.urls import reverse

from apps.departments.models import Department
from apps.equipment.models import Equipment, EquipmentCategory
from apps.experts.models import Expert
from apps.news.models import Article, Category
from apps.pages.models import ServicePage


def _first(queryset):
    item = queryset.order_by("pk").first()
    if item is None:
        raise LookupError(f"no {queryset.model._meta.verbose_name} to show: load the content first")
    return item


def html_pages(required=True):
    """(page type, path) for every HTML page type visitors can reach.

    With required=False, page types with nothing to show in this database are left out.
    """
    pages = []
    for name, build in _PAGE_BUILDERS:
        try:
            pages.append((name, build()))
        except LookupError:
            if required:
                raise
    return pages


def _detail(queryset):
    return lambda: _first(queryset).get_absolute_url()


def _equipment_category():
    """The category with the most published devices: the one that runs to several pages."""
    category = (
        EquipmentCategory.objects.filter(equipment__in=Equipment.objects.published())
        .annotate(total=Count("equipment"))
        .order_by("-total", "pk")
        .first()
    )
    if category is None:
        raise LookupError("no published equipment to show: load the content first")
    return f"{reverse('equipment:list')}?category={category.slug}"


_PAGE_BUILDERS = [
    ("home", lambda: reverse("home")),
    ("about", lambda: reverse("history:about")),
    ("history", lambda: reverse("history:timeline")),
    ("honors", lambda: reverse("history:honors")),
    ("campuses", lambda: reverse("core:campuses")),
    ("department-list", lambda: reverse("departments:list")),
    ("department", _detail(Department.objects.visible())),
    ("expert-list", lambda: reverse("experts:list")),
    ("expert-list-filtered", lambda: f"{reverse('experts:list')}?campus=hua-xin-yuan-qu&day=1"),
    ("expert", _detail(Expert.objects.active())),
    ("equipment-list", lambda: reverse("equipment:list")),
    ("equipment-category", _equipment_category),
    ("equipment", _detail(Equipment.objects.published())),
    ("news-list", lambda: reverse("news:list")),
    ("news-category", _detail(Category.objects.all())),
    ("news-year", lambda: f"{reverse('news:list')}?year={_first(Article.objects.published()).published_at.year}"),
    ("news-article", _detail(Article.objects.published())),
    ("guide", lambda: reverse("pages:guide")),
    ("guide-symptom", lambda: f"{reverse('pages:guide')}?q=头痛"),
    ("service", _detail(ServicePage.objects.published())),
    ("service-booking", _detail(ServicePage.objects.published().filter(purpose=ServicePage.Purpose.BOOKING))),
    ("service-disclosure", _detail(ServicePage.objects.published().filter(purpose=ServicePage.Purpose.DISCLOSURE))),
    ("service-contact", _detail(ServicePage.objects.published().filter(purpose=ServicePage.Purpose.CONTACT))),
    ("search", lambda: f"{reverse('search:results')}?q=胸痛"),
    ("search-symptom-page-2", lambda: f"{reverse('search:results')}?q=出血&page=2"),
    ("search-service-page", lambda: f"{reverse('search:results')}?q=挂号"),
]


def feed_pages():
    return [("news-feed", reverse("news:feed")), ("sitemap", reverse("sitemap")), ("robots", reverse("robots"))]
