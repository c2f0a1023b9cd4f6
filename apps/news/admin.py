"""The 宣传科's workplace: write, illustrate, schedule and publish news, safe from overwriting a colleague."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple, FilteredSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ContentAdmin, PublishableAdmin
from apps.media.admin import AttachmentInline
from apps.workflow.admin import WorkflowAdminMixin

from .models import Article, ArticleImage, Category
from .views import ArticleDetailView

# Fields that link an article to records of other apps; looked up by typing, like a search box.
LOOKUP_FIELDS = ("departments", "experts", "reviewed_by")


class ArticleLookupView(AutocompleteJsonView):
    """Finds departments and experts for an article's links, for anyone who may write articles.

    Django's own lookup asks for permission to view departments and experts; the 宣传科 has none
    outside news, and needs none to pick which ones an article mentions.
    """

    def has_perm(self, request, obj=None):
        if self.source_field.model is not Article or self.source_field.name not in LOOKUP_FIELDS:
            return False
        return request.user.has_perm("news.add_article") or request.user.has_perm("news.change_article")


class ArticleLookupMixin:
    def get_url(self):
        return reverse(f"{self.admin_site.name}:news_article_lookup")


class ArticleLookupSelect(ArticleLookupMixin, AutocompleteSelect):
    pass


class ArticleLookupSelectMultiple(ArticleLookupMixin, AutocompleteSelectMultiple):
    pass


class ArticleAdminForm(forms.ModelForm):
    """The article form (ContentAdmin adds the token that refuses a save over a newer version)."""

    class Meta:
        model = Article
        fields = (
            "title", "subtitle", "category", "summary", "body", "status", "published_at", "date_note", "is_pinned",
            "cover_image", "cover_alt", "cover_caption", "author", "reporter", "correspondent", "photographer",
            "source", "departments", "experts", "reviewed_by", "reviewed_on", "slug",
        )  # fmt: skip


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ("image", "caption", "alt_text", "display_order")
    verbose_name = _("图片")
    verbose_name_plural = _("文章图片（可只填图片说明）")


@admin.register(Category)
class CategoryAdmin(ContentAdmin):
    list_display = ("name", "slug", "requires_review", "display_order")
    list_editable = ("display_order",)
    search_fields = ("name",)
    fields = ("name", "slug", "description", "requires_review", "display_order")


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, PublishableAdmin):
    preview_view = ArticleDetailView
    form = ArticleAdminForm
    edit_token_required = True
    inlines = (ArticleImageInline, AttachmentInline)
    list_display = ("title", "category", "publication_state", "published_at", "is_pinned", "updated_at")
    list_display_links = ("title",)
    list_filter = ("category", "status", "is_pinned")
    list_select_related = ("category",)
    search_fields = ("title", "subtitle", "summary", "author", "reporter", "correspondent", "source")
    ordering = ("-published_at", "-id")
    view_on_site = True
    fieldsets = (
        (
            None,
            {
                "fields": ("title", "subtitle", "category", "summary", "body"),
            },
        ),
        (
            _("发布"),
            {
                "fields": ("status", "published_at", "date_note", "is_pinned"),
                "description": _(
                    "“草稿”只有编辑能看到，可点右上角“在站点上查看”预览。选“发布”并填写将来的时间即为定时发布。"
                ),
            },
        ),
        (_("封面图片"), {"fields": ("cover_image", "cover_alt", "cover_caption")}),
        (_("署名与来源"), {"fields": ("author", "reporter", "correspondent", "photographer", "source")}),
        (
            _("相关科室与专家"),
            {
                "fields": ("departments", "experts"),
                "description": _("文章会出现在所选科室和专家的页面上。输入名称即可查找。"),
            },
        ),
        (
            _("专家审核（健康科普必填）"),
            {
                "fields": ("reviewed_by", "reviewed_on"),
                "description": _("须经专家审核的栏目（如健康科普），填写审核专家和审核日期后才能发布。"),
            },
        ),
        (_("网址"), {"fields": ("slug",), "classes": ("collapse",)}),
    )

    class Media:
        js = ("js/admin-news.js",)

    def get_urls(self):
        lookup = self.admin_site.admin_view(ArticleLookupView.as_view(admin_site=self.admin_site))
        return [path("lookup/", lookup, name="news_article_lookup"), *super().get_urls()]

    def _lookup_available(self, db_field):
        """Typing lookup works once the linked model's admin offers a search; until then, a plain list."""
        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        return db_field.name in LOOKUP_FIELDS and related_admin is not None and bool(related_admin.search_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and self._lookup_available(db_field):
            kwargs["widget"] = ArticleLookupSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs:
            if self._lookup_available(db_field):
                kwargs["widget"] = ArticleLookupSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            else:
                kwargs["widget"] = FilteredSelectMultiple(db_field.verbose_name, is_stacked=False)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _set_status(self, request, queryset, status, comment):
        """Publishing from the list checks each article as the form would (e.g. 健康科普 needs its reviewer)."""
        if status != Article.Status.PUBLISHED:
            return super()._set_status(request, queryset, status, comment)
        ready, refused = [], []
        for article in queryset.select_related("category"):
            article.status = Article.Status.PUBLISHED
            try:
                article.clean()
            except ValidationError:
                refused.append(article.title)
            else:
                ready.append(article.pk)
        if refused:
            self.message_user(
                request,
                _("以下文章缺少审核专家或审核日期，未发布：%(titles)s") % {"titles": "、".join(refused)},
                messages.WARNING,
            )
        return super()._set_status(request, queryset.filter(pk__in=ready), status, comment)
