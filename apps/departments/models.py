"""Departments and their grouping."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import Campus, SluggedModel, TimeStampedModel
from apps.core.richtext import RichTextField


class DepartmentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)


class DepartmentManager(models.Manager.from_queryset(DepartmentQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Department(SluggedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        CLINICAL = "clinical", _("临床科室")
        MEDICAL_TECHNICAL = "medical_technical", _("医技科室")
        CENTRE = "centre", _("诊疗中心")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.CLINICAL, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("所属中心"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("例如肝胆外科属于普外中心；独立科室留空。"),
    )
    campuses = models.ManyToManyField(Campus, verbose_name=_("所在院区"), blank=True, related_name="departments")
    summary = models.CharField(_("一句话简介"), max_length=200, blank=True)
    introduction = RichTextField(_("科室介绍"), blank=True)
    specialties = models.TextField(_("特色技术与专长"), blank=True, help_text=_("每行一项。"))
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    location = models.CharField(_("位置"), max_length=200, blank=True, help_text=_("例如：华新院区门诊楼三楼。"))
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    is_visible = models.BooleanField(_("在网站显示"), default=True)

    objects = DepartmentManager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("科室")
        verbose_name_plural = _("科室")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("departments:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.name,)
