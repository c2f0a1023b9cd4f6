"""Shared model pieces: timestamps, publishing, campuses and the record of loaded content."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("最后修改"), auto_now=True)

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What a visitor may see: published, and its publish time has come."""
        return self.filter(status=PublishableModel.Status.PUBLISHED, published_at__lte=timezone.now())


class PublishableModel(TimeStampedModel):
    """Draft or published content with a publish time; a future time schedules it, no job needed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("发布")

    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("草稿只有编辑能看到；选“发布”后，到了发布时间访客才能看到。"),
    )
    published_at = models.DateTimeField(
        _("发布时间"),
        default=timezone.now,
        db_index=True,
        help_text=_("填写将来的时间即为定时发布，到时自动上线，无需再操作。"),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()


class Campus(models.Model):
    """One of the hospital's sites. The seeds name them but give no address: staff fill those in."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True, allow_unicode=False)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    opening_hours = models.TextField(_("门诊时间"), blank=True)
    transport = models.TextField(_("交通指引"), blank=True)
    map_url = models.URLField(_("地图链接"), blank=True, help_text=_("例如在线地图中该院区的链接。"))
    description = models.TextField(_("院区介绍"), blank=True, help_text=_("院区有哪些科室、楼宇与服务。"))
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=0)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("院区")
        verbose_name_plural = _("院区")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:campuses") + f"#{self.slug}"


class LoadedFixture(models.Model):
    """Which content fixtures were loaded, so that loading again never overwrites editors' work."""

    name = models.CharField(_("文件"), max_length=200, unique=True)
    checksum = models.CharField(_("校验和"), max_length=64)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("已载入的初始内容")
        verbose_name_plural = _("已载入的初始内容")

    def __str__(self):
        return self.name
