"""News: categories, articles with their byline and reviewers, and captioned gallery images."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models.functions import Left
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.images import PortalImageField
from apps.core.models import PublishableModel, PublishableQuerySet, SluggedModel, TimeStampedModel
from apps.core.richtext import RichTextField, plain_text
from apps.departments.models import Department
from apps.experts.models import Expert


class CategoryManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Category(SluggedModel, TimeStampedModel):
    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.CharField(_("栏目说明"), max_length=200, blank=True)
    requires_review = models.BooleanField(
        _("须经专家审核"),
        default=False,
        help_text=_("勾选后（如“健康科普”），本栏目的文章必须填写审核专家和审核日期才能发布。"),
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    objects = CategoryManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "name"]
        verbose_name = _("新闻栏目")
        verbose_name_plural = _("新闻栏目")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.name,)


# Enough of the body's HTML for a teaser of a couple of hundred characters.
TEASER_SOURCE_LENGTH = 2000


class ArticleQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a list, feed or card shows: the article and its category, in one query.

        The body stays in the database; its opening is enough for the teaser of an article with no summary.
        """
        return self.select_related("category").defer("body").annotate(body_opening=Left("body", TEASER_SOURCE_LENGTH))

    def publication_years(self):
        """The years (newest first, in the site's time zone) in which these articles were published.

        One query that jumps from year to year down the (status, published_at) index: a few index probes
        per year instead of reading every article, which matters once there are tens of thousands.
        """
        articles, params = self.order_by().values("published_at").query.sql_with_params()
        start_of_year = "make_timestamptz(years.year, 1, 1, 0, 0, 0, %s)"
        sql = f"""
            WITH RECURSIVE articles AS NOT MATERIALIZED ({articles}),
            years(year) AS (
                SELECT EXTRACT(YEAR FROM MAX(published_at) AT TIME ZONE %s)::int FROM articles
                UNION ALL
                SELECT (
                    SELECT EXTRACT(YEAR FROM MAX(published_at) AT TIME ZONE %s)::int
                    FROM articles WHERE published_at < {start_of_year}
                )
                FROM years WHERE years.year IS NOT NULL
            )
            SELECT year FROM years WHERE year IS NOT NULL
        """
        zone = settings.TIME_ZONE
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, (*params, zone, zone, zone))
            return [year for (year,) in cursor.fetchall()]


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(SluggedModel, PublishableModel):
    """A news article. A future publish time schedules it; visitors see it only through published()."""

    slug_source_field = "title"

    title = models.CharField(_("标题"), max_length=200)
    subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    # Indexed by news_article_category below, which starts with it.
    category = models.ForeignKey(
        Category, verbose_name=_("栏目"), on_delete=models.PROTECT, related_name="articles", db_index=False
    )
    summary = models.TextField(
        _("摘要"),
        max_length=300,
        blank=True,
        help_text=_("列表和分享时显示，300字以内；不填则自动取正文开头。"),
    )
    cover_image = PortalImageField(
        _("封面图片"),
        upload_prefix="news",
        blank=True,
        help_text=_("可不填。JPEG、PNG、WebP 或 GIF，网站会自动生成合适的尺寸。"),
    )
    cover_alt = models.CharField(
        _("封面图片替代文字"),
        max_length=200,
        blank=True,
        help_text=_("用一句话描述图片内容，供视障读者使用；不填则使用图片说明或标题。"),
    )
    cover_caption = models.CharField(_("封面图片说明"), max_length=300, blank=True)
    body = RichTextField(_("正文"))
    author = models.CharField(_("作者"), max_length=100, blank=True)
    reporter = models.CharField(
        _("记者"), max_length=100, blank=True, help_text=_("按原文署名填写，如“全媒体记者 朱嘉林”或只填姓名。")
    )
    correspondent = models.CharField(_("通讯员"), max_length=100, blank=True)
    photographer = models.CharField(_("摄影"), max_length=100, blank=True)
    source = models.CharField(
        _("来源"), max_length=100, blank=True, help_text=_("转载媒体报道时填写刊物名称，如“衡阳日报”；本院稿件留空。")
    )
    date_note = models.CharField(
        _("日期说明"),
        max_length=200,
        blank=True,
        help_text=_("发布时间与原文刊登日期不同或原日期不详时，在此说明；会显示在文章页的日期旁。"),
    )
    is_pinned = models.BooleanField(_("置顶"), default=False, help_text=_("置顶的文章排在新闻列表最前面。"))
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("相关科室"),
        blank=True,
        related_name="news_articles",
        help_text=_("文章会显示在这些科室的页面上。"),
    )
    experts = models.ManyToManyField(
        Expert,
        verbose_name=_("相关专家"),
        blank=True,
        related_name="news_articles",
        help_text=_("文章会显示在这些专家的页面上。"),
    )
    reviewed_by = models.ForeignKey(
        Expert,
        verbose_name=_("审核专家"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_articles",
        help_text=_("健康科普文章必填：审核文章医学内容的专家。"),
    )
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True, help_text=_("健康科普文章必填。"))
    attachments = GenericRelation("media.Attachment")

    objects = ArticleManager()

    class Meta(SluggedModel.Meta):
        ordering = ["-is_pinned", "-published_at", "-id"]
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")
        indexes = [
            # Newest first (feeds, previous/next, a department's news, the years of the archive).
            models.Index(fields=["status", "-published_at", "-id"], name="news_article_status_date"),
            # The news list and the home page: pinned first, then newest, read straight off the index.
            models.Index(fields=["status", "-is_pinned", "-published_at", "-id"], name="news_article_listing"),
            # A category's page and its count (an index-only scan instead of visiting every article of it).
            models.Index(
                fields=["category", "status", "-is_pinned", "-published_at", "-id"], name="news_article_category"
            ),
        ]
        constraints = [
            *SluggedModel.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(reviewed_on__isnull=True) | models.Q(reviewed_by__isnull=False),
                name="news_article_review_date_needs_reviewer",
                violation_error_message=_("填写了审核日期，请同时选择审核专家。"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        category = self.category if self.category_id else None
        if category and category.requires_review and self.status == self.Status.PUBLISHED:
            errors = {}
            if not self.reviewed_by_id:
                errors["reviewed_by"] = _("“%(category)s”文章发布前须选择审核专家。") % {"category": category.name}
            if not self.reviewed_on:
                errors["reviewed_on"] = _("“%(category)s”文章发布前须填写审核日期。") % {"category": category.name}
            if errors:
                raise ValidationError(errors)

    def natural_key(self):
        return (self.slug,)

    @property
    def teaser(self):
        """The summary, or the opening of the body when no summary was written."""
        if self.summary:
            return self.summary
        opening = getattr(self, "body_opening", None)
        return plain_text(self.body if opening is None else opening)

    def byline_parts(self):
        """The credits as printed: "记者 张三", or the editor's own wording when it already names the role."""
        parts = []
        for label, value in (
            (_("作者"), self.author),
            (_("记者"), self.reporter),
            (_("通讯员"), self.correspondent),
            (_("摄影"), self.photographer),
        ):
            value = value.strip()
            if value:
                parts.append(value if str(label) in value else f"{label} {value}")
        return parts


class ArticleImage(models.Model):
    """A photograph of an article with its caption. A caption may stand alone when the photograph is missing."""

    article = models.ForeignKey(Article, verbose_name=_("新闻"), on_delete=models.CASCADE, related_name="images")
    image = PortalImageField(
        _("图片"),
        upload_prefix="news",
        blank=True,
        help_text=_("可不填：原报道的照片未取得时，只保留图片说明。"),
    )
    alt_text = models.CharField(
        _("替代文字"), max_length=200, blank=True, help_text=_("描述图片内容，供视障读者使用；不填则使用图片说明。")
    )
    caption = models.CharField(_("图片说明"), max_length=300, blank=True)
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=0)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("新闻图片")
        verbose_name_plural = _("新闻图片")
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(image="") & models.Q(caption="")),
                name="news_articleimage_image_or_caption",
                violation_error_message=_("请上传图片或填写图片说明，至少一项。"),
            ),
        ]

    def __str__(self):
        return self.caption or self.image.name

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#photo-{self.pk}"

    @property
    def alt(self):
        return self.alt_text or self.caption or self.article.title
