"""News pages: the list (by category and year) and one article, with editors' preview of drafts."""

import re

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from apps.core.context_processors import HOSPITAL_NAME
from apps.core.pagination import PageNumberMixin, ascii_int
from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin
from apps.departments.models import visible_departments
from apps.experts.models import Expert
from apps.media.models import Attachment

from .models import Article, Category

SLUG_PARAM = re.compile(r"^[-a-z0-9]{1,80}$")
FIRST_YEAR = 1902  # the hospital's founding; no article can be older
LAST_YEAR = 2100  # a bound for what a visitor may type, far past any article


def shorten(value, length=30):
    """A visitor's input, made safe to repeat back in a notice."""
    value = value.replace("\x00", "")
    return value if len(value) <= length else value[:length] + "…"


class ArticleListView(PageNumberMixin, ListView):
    """/news/ and /news/category/<slug>/: pinned first, then newest; ?year= and ?category= narrow it."""

    template_name = "news/article_list.html"
    query_parameters = ("category", "year", "page")  # what the page cache keys on (apps.core.cache)
    context_object_name = "articles"
    paginate_by = 12

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.notices = []

    def get(self, request, *args, **kwargs):
        # A category with no published article is left out of the tabs (its address still answers).
        published = Article.objects.published().filter(category=OuterRef("pk"))
        self.categories = list(Category.objects.annotate(has_articles=Exists(published)))
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
        year = ascii_int(value)
        if year is not None and FIRST_YEAR <= year <= LAST_YEAR:
            return year
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
            categories=[item for item in self.categories if item.has_articles or item == self.category],
            category=self.category,
            year=self.year,
            years=years,
            filter_query=urlencode(query),
            **kwargs,
        )
        context["notices"] = [*self.notices, *self.page_notices]
        return context


class ArticleDetailView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    """One article; editors who may change articles also see drafts and scheduled ones, with a banner."""

    model = Article
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("category", "reviewed_by")
            .prefetch_related(
                Prefetch("images", to_attr="image_list"),
                Prefetch("attachments", queryset=Attachment.objects.for_listing(), to_attr="attachment_list"),
                visible_departments(),
                # Named as tags: no introductions or biographies are read for them.
                Prefetch(
                    "experts",
                    queryset=Expert.objects.active().only("name", "slug", "clinical_title"),
                    to_attr="expert_list",
                ),
            )
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if getattr(self, "object", None) is not None and not self.object.is_live:
            add_never_cache_headers(response)  # a preview must never be kept by a shared cache
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        published = Article.objects.published().only("title", "slug")
        # (published_at, pk) before or after this article's; the bound on published_at alone lets the
        # database start its walk down the date index right at this article instead of at either end.
        when = article.published_at
        earlier = Q(published_at__lte=when) & (Q(published_at__lt=when) | Q(pk__lt=article.pk))
        later = Q(published_at__gte=when) & (Q(published_at__gt=when) | Q(pk__gt=article.pk))
        return super().get_context_data(
            previous_article=published.filter(earlier).order_by("-published_at", "-pk").first(),
            next_article=published.filter(later).order_by("published_at", "pk").first(),
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
