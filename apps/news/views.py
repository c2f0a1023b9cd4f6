"""News pages: the list (by category and year) and one article, with editors' preview of drafts."""

import re

from django.conf import settings
from django.db.models import OuterRef, Q
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from apps.core.compiled import detail_pages, fields_of, related_rows
from apps.core.context_processors import HOSPITAL_NAME
from apps.core.pagination import PageNumberMixin
from apps.core.views import CompiledDetailMixin, OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import Department
from apps.experts.models import Expert

from .models import Article, ArticleImage, Category

SLUG_PARAM = re.compile(r"^[-a-z0-9]{1,80}$")
YEAR_PARAM = re.compile(r"^\d{4}$")
FIRST_YEAR = 1902  # the hospital's founding; no article can be older


def shorten(value, length=30):
    """A visitor's input, made safe to repeat back in a notice."""
    value = value.replace("\x00", "")
    return value if len(value) <= length else value[:length] + "…"


class ArticleListView(PageNumberMixin, ListView):
    """/news/ and /news/category/<slug>/: pinned first, then newest; ?year= and ?category= narrow it."""

    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.notices = []

    def get(self, request, *args, **kwargs):
        self.categories = list(Category.objects.all())
        self.category = self.resolve_category()
        self.year = self.resolve_year()
        return super().get(request, *args, **kwargs)

    def resolve_category(self):
        if "slug" in self.kwargs:
            for category in self.categories:
                if category.slug == self.kwargs["slug"]:
                    return category
            raise Http404(_("没有这个新闻栏目。"))
        value = self.request.GET.get("category", "")
        if not value:
            return None
        if SLUG_PARAM.match(value):
            for category in self.categories:
                if category.slug == value:
                    return category
        self.notices.append(_("没有找到栏目“%(value)s”，以下显示全部栏目的新闻。") % {"value": shorten(value)})
        return None

    def resolve_year(self):
        value = self.request.GET.get("year", "")
        if not value:
            return None
        if YEAR_PARAM.match(value) and FIRST_YEAR <= int(value) <= 2100:
            return int(value)
        self.notices.append(_("年份“%(value)s”无效，以下显示全部年份的新闻。") % {"value": shorten(value)})
        return None

    def get_queryset(self):
        articles = Article.objects.published().for_listing()
        if self.category:
            articles = articles.filter(category=self.category)
        if self.year:
            articles = articles.filter(published_at__year=self.year)
        return articles

    def get_context_data(self, **kwargs):
        years = Article.objects.published().publication_years()
        query = {}
        if self.year:
            query["year"] = self.year
        if self.category and "slug" not in self.kwargs:
            query["category"] = self.category.slug
        context = super().get_context_data(
            categories=self.categories,
            category=self.category,
            year=self.year,
            years=years,
            filter_query=urlencode(query),
            **kwargs,
        )
        context["notices"] = [*self.notices, *self.page_notices]
        return context


def article_page(slug, now, preview):
    """The article at `slug` with its photographs, departments, experts and the articles published just
    before and after it, in one statement (CompiledDetailMixin)."""
    articles = Article.objects.all() if preview else Article.objects.published(now)
    published = Article.objects.published(now)
    # (published_at, pk) before or after this article's; the bound on published_at alone lets the
    # database start its walk down the date index right at this article instead of at either end.
    when, pk = OuterRef("published_at"), OuterRef("pk")
    earlier = published.filter(Q(published_at__lte=when) & (Q(published_at__lt=when) | Q(pk__lt=pk)))
    later = published.filter(Q(published_at__gte=when) & (Q(published_at__gt=when) | Q(pk__gt=pk)))
    return (
        articles.filter(slug=slug)
        .values(
            *fields_of(Article),
            *("category__id", "category__name", "category__slug"),
            *("reviewed_by__id", "reviewed_by__name", "reviewed_by__slug", "reviewed_by__clinical_title"),
            "reviewed_by__is_active",
        )
        .annotate(
            image_list=related_rows(
                ArticleImage.objects.filter(article=OuterRef("pk")), "id", "image", "alt_text", "caption"
            ),
            visible_departments=related_rows(
                Department.objects.visible().filter(news_articles=OuterRef("pk")), "id", "name", "slug"
            ),
            # Named as tags: no introductions or biographies are read for them.
            expert_list=related_rows(
                Expert.objects.active().filter(news_articles=OuterRef("pk")), "id", "name", "slug", "clinical_title"
            ),
            previous_article=related_rows(earlier.order_by("-published_at", "-pk")[:1], "id", "title", "slug"),
            next_article=related_rows(later.order_by("published_at", "pk")[:1], "id", "title", "slug"),
        )
    )


class ArticleDetailView(OldSlugRedirectMixin, CompiledDetailMixin, PublishedForVisitorsMixin, DetailView):
    """One article; editors who may change articles also see drafts and scheduled ones, with a banner."""

    model = Article
    template_name = "news/article_detail.html"
    context_object_name = "article"
    pages = detail_pages(article_page)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if getattr(self, "object", None) is not None and not self.object.is_live:
            add_never_cache_headers(response)  # a preview must never be kept by a shared cache
        return response

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        for image in article.image_list:
            image.article = article  # a photograph without alt text or caption is described by the title
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            previous_article=next(iter(article.previous_article), None),
            next_article=next(iter(article.next_article), None),
            reviewer_link=article.reviewed_by and article.reviewed_by.is_active,
            gallery_missing_photos=sum(1 for item in article.image_list if not item.image),
            structured_data=article_structured_data(article),
            **kwargs,
        )


def article_structured_data(article):
    """schema.org NewsArticle: only what the article itself says."""
    url = settings.SITE_URL + article.get_absolute_url()
    data = {
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "articleSection": article.category.name,
        "mainEntityOfPage": url,
        "url": url,
        "publisher": {"@type": "Hospital", "name": str(HOSPITAL_NAME), "url": settings.SITE_URL + "/"},
    }
    if article.summary:
        data["description"] = article.summary
    authors = [name for name in (article.author, article.reporter, article.correspondent) if name.strip()]
    if authors:
        data["author"] = [{"@type": "Person", "name": name.strip()} for name in authors]
    return data
