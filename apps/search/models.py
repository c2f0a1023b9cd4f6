"""The search index: one row per searchable record, with a weighted tsvector of jieba-segmented words."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchDocumentQuerySet(models.QuerySet):
    def visible(self):
        """What a visitor may find: shown on the site, and (for news and equipment) its publish time has come."""
        return self.filter(Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now()), published=True)

    def all_terms(self):
        """Every hospital term (department, condition, device and expert names) the index holds."""
        unnested = Func("terms", function="unnest", output_field=models.CharField())
        return list(self.annotate(term=unnested).values_list("term", flat=True).distinct())


class SearchDocument(models.Model):
    """What the search knows of one department, expert, device, article or service page; kept true by signals."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("科室")
        EXPERT = "expert", _("专家")
        EQUIPMENT = "equipment", _("设备")
        NEWS = "news", _("新闻")
        SERVICE = "service", _("就医服务")

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=300)
    url = models.CharField(_("网址"), max_length=300)
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    body = models.TextField(_("正文"), blank=True, help_text=_("摘取搜索结果片段用的纯文本。"))
    search_vector = SearchVectorField(_("检索向量"), null=True, editable=False)
    # Title and keywords only: small enough to stay in the row, so ranking many matches stays cheap.
    head_vector = SearchVectorField(_("标题与关键词向量"), null=True, editable=False)
    terms = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("专有名词"),
        default=list,
        blank=True,
        help_text=_("本记录带来的医院专有名词（科室、疾病、设备、专家姓名），分词时保持完整。"),
    )
    pinyin_full = models.CharField(_("名称全拼"), max_length=200, blank=True)
    pinyin_initials = models.CharField(_("名称拼音首字母"), max_length=50, blank=True)
    published = models.BooleanField(_("对访客可见"), default=True)
    publish_at = models.DateTimeField(_("上线时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("索引时间"), auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_one_per_record"),
            models.CheckConstraint(
                condition=Q(kind__in=["department", "expert", "equipment", "news", "service"]),
                name="search_document_known_kind",
            ),
        ]
        indexes = [
            # One index per kind of the records visitors may find: a search counts and samples each kind
            # on its own, and the index hands over only that kind's matches.
            *(
                GinIndex(fields=["search_vector"], name=f"search_vector_{kind}", condition=Q(kind=kind, published=True))
                for kind in ("department", "expert", "equipment", "news", "service")
            ),
            # Matches in titles and keywords, the likely best results: news apart, since they are most records.
            GinIndex(fields=["head_vector"], name="search_head_news", condition=Q(kind="news", published=True)),
            GinIndex(
                fields=["head_vector"],
                name="search_head_others",
                condition=Q(kind__in=["department", "expert", "equipment", "service"], published=True),
            ),
            # The newest news first. Only a query with a publish time bound can use it (the counts cannot),
            # so reading it never replaces the vector indexes above.
            models.Index(
                F("publish_at").desc(nulls_last=True),
                F("id").desc(),
                name="search_news_newest",
                condition=Q(kind="news", published=True, publish_at__isnull=False),
            ),
            models.Index(fields=["pinyin_full"], opclasses=["varchar_pattern_ops"], name="search_document_pinyin"),
            models.Index(fields=["pinyin_initials"], name="search_document_initials"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # Stored when the record was indexed, from the record's own get_absolute_url() (reverse()).
        return self.url
