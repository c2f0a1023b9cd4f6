"""Hospital profile, key figures with the year they hold for, timeline of milestones, honours and accreditations.

Every fact names the document it comes from (`Source`). Figures are dated rows: a new value is a
new row, so the older values stay on record and on the page.
"""

import datetime

from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.richtext import RichTextField

FOUNDING_YEAR = 1902


class Source(TimeStampedModel):
    """A document the facts on these pages come from: a report, an official introduction."""

    title = models.CharField(_("标题"), max_length=200, unique=True)
    short_title = models.CharField(
        _("简称"), max_length=50, help_text=_("页面注明出处时使用的简短名称，例如：衡阳日报120周年综述。")
    )
    author = models.CharField(_("作者或发布单位"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("成文年份"), null=True, blank=True, help_text=_("资料写成或发表的年份；资料未写明时留空或按说明推断。")
    )
    note = models.TextField(_("说明"), blank=True, help_text=_("例如资料未写明日期时，年份是如何判断的。"))
    reference = models.CharField(
        _("资料编号"), max_length=100, blank=True, help_text=_("档案编号或文件名，便于查找原件。")
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("资料来源")
        verbose_name_plural = _("资料来源")

    def __str__(self):
        return self.short_title or self.title

    def get_absolute_url(self):
        return reverse("history:about") + f"#source-{self.pk}"


class HospitalProfileQuerySet(models.QuerySet):
    def current(self):
        """The one profile with its names over time, or None before the content is loaded."""
        names = HospitalName.objects.select_related("source")
        return self.prefetch_related(Prefetch("names", queryset=names)).first()


class HospitalProfile(TimeStampedModel):
    """The hospital's profile: names, founding, grade, introduction, mission, 院训 and spirit. One record only."""

    singleton = models.PositiveSmallIntegerField(default=1, editable=False)
    name = models.CharField(_("医院名称"), max_length=100)
    full_name = models.CharField(
        _("全称"), max_length=100, blank=True, help_text=_("例如：湖南师范大学附属衡阳市中心医院。")
    )
    epithet = models.CharField(_("美誉"), max_length=100, blank=True, help_text=_("例如：湘南西医之源。"))
    summary = models.CharField(
        _("一句话简介"),
        max_length=300,
        help_text=_("显示在“医院简介”页顶部，也是搜索引擎结果里的摘要；建议不超过120字。"),
    )
    founded_year = models.PositiveSmallIntegerField(_("始建年份"))
    founder = models.CharField(_("创办者"), max_length=200, blank=True)
    grade = models.CharField(
        _("医院等级"),
        max_length=50,
        blank=True,
        help_text=_("例如：三级甲等综合医院。历次评审请在“历史沿革”里以“等级评审”类别记录，会同时显示在简介页。"),
    )
    introduction = RichTextField(_("医院简介正文"), blank=True)
    mission = models.CharField(_("行动使命"), max_length=200, blank=True)
    motto = models.CharField(_("院训"), max_length=100, blank=True)
    spirit = models.CharField(_("百年仁济精神"), max_length=100, blank=True)

    objects = HospitalProfileQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("医院简介")
        verbose_name_plural = _("医院简介")
        constraints = [
            models.CheckConstraint(condition=Q(singleton=1), name="history_profile_singleton_is_1"),
            models.UniqueConstraint(fields=["singleton"], name="history_profile_only_one"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("history:about")


class HospitalName(models.Model):
    """A name the hospital has carried, from the year it took it."""

    profile = models.ForeignKey(HospitalProfile, verbose_name=_("医院"), on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("启用年份"))
    note = models.CharField(
        _("说明"), max_length=200, blank=True, help_text=_("例如：创办、易名、改称、挂牌，以及批准单位。")
    )
    is_current = models.BooleanField(_("现用名称"), default=False)
    source = models.ForeignKey(Source, verbose_name=_("资料来源"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("名称沿革")
        verbose_name_plural = _("名称沿革")
        constraints = [
            models.UniqueConstraint(fields=["profile", "name", "year"], name="history_hospitalname_once_per_year"),
            models.CheckConstraint(condition=Q(year__gte=FOUNDING_YEAR), name="history_hospitalname_after_founding"),
        ]

    def __str__(self):
        return f"{self.name}（{self.year}）"

    def get_absolute_url(self):
        return reverse("history:about") + "#names"


class KeyFigureQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)

    def featured(self):
        return self.filter(is_featured=True)

    def with_values(self):
        """Each figure with its dated values, newest first, in one more query."""
        values = KeyFigureValue.objects.select_related("source").order_by("-year", "-pk")
        return self.prefetch_related(Prefetch("values", queryset=values))


class KeyFigure(TimeStampedModel):
    """A measure of the hospital (beds, staff, papers…); its values over time are KeyFigureValue rows."""

    class Category(models.TextChoices):
        SCALE = "scale", _("规模")
        STAFF = "staff", _("人才队伍")
        DISCIPLINES = "disciplines", _("学科与平台")
        RESEARCH = "research", _("科研与教学")
        SERVICE = "service", _("医疗服务")

    label = models.CharField(_("名称"), max_length=60, unique=True, help_text=_("例如：在职员工、编制床位。"))
    unit = models.CharField(_("单位"), max_length=10, blank=True, help_text=_("例如：人、张、个、亩、%。"))
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices, default=Category.SCALE)
    is_featured = models.BooleanField(
        _("大数字展示"), default=False, help_text=_("勾选后在“医院简介”页顶部以大字号展示最新数值。")
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    is_visible = models.BooleanField(_("在网站显示"), default=True)

    objects = KeyFigureQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("关键数据")
        verbose_name_plural = _("关键数据")

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("history:about") + f"#figure-{self.pk}"

    @cached_property
    def dated_values(self):
        """Values newest first (from the prefetch when there is one)."""
        return sorted(self.values.all(), key=lambda value: (value.year, value.pk), reverse=True)

    @property
    def latest(self):
        return self.dated_values[0] if self.dated_values else None

    @property
    def earlier(self):
        return self.dated_values[1:]


class KeyFigureValue(models.Model):
    """One value of a key figure, for the year it holds, as one document gives it. Never overwritten."""

    figure = models.ForeignKey(KeyFigure, verbose_name=_("关键数据"), on_delete=models.CASCADE, related_name="values")
    value = models.CharField(
        _("数值"), max_length=30, help_text=_("按资料原文填写，例如：1753、40多万、300余、11.8万。不含单位。")
    )
    year = models.PositiveSmallIntegerField(
        _("数据年份"),
        help_text=_("该数值截至哪一年。资料未写明时按资料成文年份填写，并在“说明”里写明依据。"),
    )
    since_year = models.PositiveSmallIntegerField(
        _("累计起始年份"),
        null=True,
        blank=True,
        help_text=_("数值是一段时间的累计时填写，例如“2012年至2022年累计开展新技术300余项”填2012。"),
    )
    source = models.ForeignKey(Source, verbose_name=_("资料来源"), on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("说明"), max_length=300, blank=True, help_text=_("显示在数值下方，例如原文的补充说明。"))

    class Meta:
        ordering = ["figure", "-year", "-pk"]
        verbose_name = _("数值记录")
        verbose_name_plural = _("数值记录")
        constraints = [
            models.UniqueConstraint(fields=["figure", "year", "source"], name="history_keyfigurevalue_one_per_year"),
            models.CheckConstraint(condition=Q(year__gte=FOUNDING_YEAR), name="history_keyfigurevalue_after_founding"),
            models.CheckConstraint(
                condition=Q(since_year__isnull=True) | Q(since_year__lte=F("year")),
                name="history_keyfigurevalue_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.value}（{self.period_display}）"

    def get_absolute_url(self):
        return reverse("history:about") + f"#figure-{self.figure_id}"

    @cached_property
    def period_display(self):
        # gettext, not the lazy _(): a lazy string's % is several times slower, and pages show many.
        if self.since_year and self.since_year != self.year:
            return gettext("%(start)s—%(end)s年") % {"start": self.since_year, "end": self.year}
        return gettext("%(year)s年") % {"year": self.year}


class MilestoneQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)

    def with_sources(self):
        return self.prefetch_related("sources")


class Milestone(TimeStampedModel):
    """A dated event in the hospital's history, as precise as its source: a year, a month or a day."""

    class Precision(models.TextChoices):
        YEAR = "year", _("精确到年")
        MONTH = "month", _("精确到月")
        DAY = "day", _("精确到日")

    class Category(models.TextChoices):
        NAMES = "names", _("建院与更名")
        GRADE = "grade", _("等级评审")
        MEDICINE = "medicine", _("医疗技术")
        EPIDEMIC = "epidemic", _("抗击疫情")
        COOPERATION = "cooperation", _("合作与挂牌")
        CULTURE = "culture", _("党建与文化")
        CONSTRUCTION = "construction", _("建设与设备")

    date = models.DateField(
        _("日期"),
        help_text=_("只知道年份或月份时，选好下面的“精确度”，日期填该年或该月任意一天即可，保存时自动取第一天。"),
    )
    precision = models.CharField(_("精确度"), max_length=5, choices=Precision.choices, default=Precision.YEAR)
    title = models.CharField(_("事件"), max_length=200)
    description = models.TextField(_("详细说明"), blank=True)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices, db_index=True)
    sources = models.ManyToManyField(Source, verbose_name=_("资料来源"), related_name="milestones")
    display_order = models.PositiveSmallIntegerField(
        _("同日排序"), default=100, help_text=_("同一日期有多条事件时，数字小的在前。")
    )
    is_visible = models.BooleanField(_("在网站显示"), default=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["date", "display_order", "pk"]
        verbose_name = _("大事记")
        verbose_name_plural = _("大事记")
        constraints = [
            # A date known to the year is stored as 1 January, to the month as the 1st: sorting stays honest.
            models.CheckConstraint(
                condition=Q(precision="day")
                | Q(precision="month", date__day=1)
                | Q(precision="year", date__day=1, date__month=1),
                name="history_milestone_date_matches_precision",
            ),
            models.CheckConstraint(condition=Q(date__year__gte=FOUNDING_YEAR), name="history_milestone_after_founding"),
        ]

    def __str__(self):
        return f"{self.display_date} {self.title}"

    def save(self, *args, **kwargs):
        self.normalise_date()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("history:timeline") + f"#milestone-{self.pk}"

    def clean(self):
        self.normalise_date()

    def normalise_date(self):
        if isinstance(self.date, datetime.date):
            if self.precision == self.Precision.YEAR:
                self.date = self.date.replace(month=1, day=1)
            elif self.precision == self.Precision.MONTH:
                self.date = self.date.replace(day=1)

    @property
    def display_date(self):
        """1951年, 1951年1月 or 2021年11月26日, as precise as the source."""
        if self.precision == self.Precision.DAY:
            return gettext("%(y)s年%(m)s月%(d)s日") % {"y": self.date.year, "m": self.date.month, "d": self.date.day}
        if self.precision == self.Precision.MONTH:
            return gettext("%(y)s年%(m)s月") % {"y": self.date.year, "m": self.date.month}
        return gettext("%(y)s年") % {"y": self.date.year}

    @property
    def datetime_value(self):
        """The machine-readable date for <time datetime>: 1951, 1951-01 or 2021-11-26."""
        if self.precision == self.Precision.DAY:
            return self.date.isoformat()
        if self.precision == self.Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return f"{self.date.year:04d}"


class HonourQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)

    def with_sources(self):
        return self.prefetch_related("sources")


class Honour(TimeStampedModel):
    """An honour or an accreditation given to the hospital, one of its departments or teams, or a person."""

    class Kind(models.TextChoices):
        HONOUR = "honour", _("荣誉称号")
        ACCREDITATION = "accreditation", _("资质与认证")

    class Level(models.IntegerChoices):
        NATIONAL = 1, _("国家级")
        PROVINCIAL = 2, _("省级")
        MUNICIPAL = 3, _("市级")
        OTHER = 9, _("其他")

    class RecipientKind(models.TextChoices):
        HOSPITAL = "hospital", _("医院")
        DEPARTMENT = "department", _("科室")
        TEAM = "team", _("团队")
        PERSON = "person", _("个人")

    title = models.CharField(_("荣誉或资质名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.HONOUR)
    level = models.PositiveSmallIntegerField(
        _("级别"), choices=Level.choices, help_text=_("无法确定国家级、省级或市级时选“其他”。")
    )
    year = models.PositiveSmallIntegerField(_("获得年份"), null=True, blank=True, help_text=_("资料未写明时留空。"))
    recipient_kind = models.CharField(
        _("获得者类别"), max_length=20, choices=RecipientKind.choices, default=RecipientKind.HOSPITAL
    )
    recipient_name = models.CharField(
        _("获得者"),
        max_length=100,
        help_text=_("医院本身填“衡阳市中心医院”；科室、团队或个人填其名称，以医院官方简介的写法为准。"),
    )
    awarding_body = models.CharField(_("授予单位"), max_length=200, blank=True, help_text=_("资料未写明时留空。"))
    sources = models.ManyToManyField(Source, verbose_name=_("资料来源"), related_name="honours")
    note = models.CharField(_("说明"), max_length=300, blank=True, help_text=_("例如不同资料中的不同写法。"))
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    is_visible = models.BooleanField(_("在网站显示"), default=True)

    objects = HonourQuerySet.as_manager()

    class Meta:
        ordering = ["level", F("year").desc(nulls_last=True), "display_order", "pk"]
        verbose_name = _("荣誉与资质")
        verbose_name_plural = _("荣誉与资质")
        constraints = [
            models.UniqueConstraint(
                fields=["title", "recipient_name", "year"],
                name="history_honour_once_per_recipient_and_year",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=FOUNDING_YEAR), name="history_honour_after_founding"
            ),
        ]

    def __str__(self):
        return f"{self.recipient_name}：{self.title}"

    def get_absolute_url(self):
        return reverse("history:honors") + f"#honour-{self.pk}"
