"""Patient-service pages edited in the admin (就医指南, 预约挂号, 院务公开, 联系我们) and the 导诊 symptom table."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.images import PortalImageField
from apps.core.links import validate_web_url
from apps.core.models import PublishableModel, SluggedModel, TimeStampedModel
from apps.core.richtext import RichTextField
from apps.departments.models import Department, split_lines, visible_departments


class ServicePage(PublishableModel, SluggedModel):
    """A page for patients; it appears in the navigation once it is published."""

    slug_source_field = "title"

    class Purpose(models.TextChoices):
        GUIDE = "guide", _("就医指南")
        BOOKING = "booking", _("预约挂号")
        DISCLOSURE = "disclosure", _("院务公开")
        CONTACT = "contact", _("联系我们")

    title = models.CharField(_("标题"), max_length=100, unique=True)
    summary = models.CharField(_("摘要"), max_length=300, blank=True, help_text=_("显示在页面顶部和搜索引擎结果中。"))
    body = RichTextField(_("正文"), blank=True)
    navigation_order = models.PositiveSmallIntegerField(_("导航顺序"), default=100)
    purpose = models.CharField(
        _("页面用途"),
        max_length=20,
        choices=Purpose.choices,
        blank=True,
        help_text=_("“联系我们”页自动显示医院信息中的电话与院区，“预约挂号”页自动显示预约渠道；每种用途只能有一页。"),
    )
    attachments = GenericRelation("media.Attachment")

    class Meta(SluggedModel.Meta):
        ordering = ["navigation_order", "title"]
        verbose_name = _("就医服务页面")
        verbose_name_plural = _("就医服务页面")
        constraints = [
            *SluggedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["purpose"],
                condition=~models.Q(purpose=""),
                name="pages_servicepage_one_page_per_purpose",
                violation_error_message=_("已有一个页面用于这个用途，请先修改那一页的“页面用途”。"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:service", kwargs={"slug": self.slug})


class ServiceLink(models.Model):
    """A link an editor sets on a service page, such as the official appointment channel."""

    page = models.ForeignKey(ServicePage, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("链接"), validators=[validate_web_url], help_text=_("以 https:// 开头的完整网址。"))
    description = models.CharField(_("说明"), max_length=200, blank=True)
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=0)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("链接")
        verbose_name_plural = _("链接")

    def __str__(self):
        return self.title


class ServiceQRCode(models.Model):
    """A QR code image (for example of the official account used for appointments)."""

    page = models.ForeignKey(ServicePage, verbose_name=_("页面"), on_delete=models.CASCADE, related_name="qr_codes")
    image = PortalImageField(_("二维码图片"), upload_prefix="qrcodes")
    caption = models.CharField(
        _("说明文字"), max_length=100, help_text=_("例如：微信扫码预约挂号。也用作图片的替代文字。")
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=0)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("二维码")
        verbose_name_plural = _("二维码")

    def __str__(self):
        return self.caption


class SymptomQuerySet(models.QuerySet):
    def for_guide(self):
        """Red flags first, each with its visible departments in `.visible_departments`."""
        return self.prefetch_related(visible_departments()).order_by("-is_red_flag", "display_order", "name")


class SymptomManager(models.Manager.from_queryset(SymptomQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Symptom(TimeStampedModel):
    """A complaint in the words patients use (头痛, 心慌, 小儿发热), and the departments of this hospital it points to.

    General medical guidance (通用导诊建议), not a fact about the hospital: the page says so, and a
    reviewer's name and date are shown once an editor has entered them.
    """

    URGENT_ADVICE = _("立即拨打 120 或到急诊")

    name = models.CharField(
        _("症状"), max_length=30, unique=True, help_text=_("患者常说的症状或就诊需求，例如“头痛”“孕检”。")
    )
    synonyms = models.TextField(
        _("常见说法"),
        blank=True,
        help_text=_("患者对同一症状的其他说法，每行一个，例如“头疼”“脑袋疼”。在导诊和搜索中输入这些说法也能找到本条。"),
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("建议就诊科室"),
        related_name="symptoms",
        help_text=_("只能选本院的科室。搜索这一症状时，这些科室会出现在结果中。"),
    )
    is_red_flag = models.BooleanField(
        _("危急症状"),
        default=False,
        help_text=_("勾选后，导诊先显示“立即拨打 120 或到急诊”的红色提示，再显示科室。"),
    )
    advice = models.CharField(
        _("就诊提示"),
        max_length=200,
        blank=True,
        help_text=_("显示在科室前的一句提示，例如“伴大汗、持续不缓解时立即拨打 120”。"),
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    reviewed_by = models.CharField(
        _("审核人"), max_length=50, blank=True, help_text=_("审核这条导诊建议的医务人员姓名；未审核时留空。")
    )
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)

    objects = SymptomManager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("导诊症状")
        verbose_name_plural = _("导诊症状")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""), name="pages_symptom_has_name", violation_error_message=_("请填写症状。")
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by="", reviewed_on__isnull=True)
                | (~Q(reviewed_by="") & Q(reviewed_on__isnull=False)),
                name="pages_symptom_review_signed_and_dated",
                violation_error_message=_("审核人和审核日期要一起填写（未审核时都留空）。"),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    def clean(self):
        super().clean()
        self.name = self.name.strip()
        self.reviewed_by = self.reviewed_by.strip()
        errors = {}
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            errors["reviewed_on"] = _("审核日期不能晚于今天。")
        too_long = [synonym for synonym in self.synonym_list if len(synonym) > 30]
        if too_long:
            errors["synonyms"] = _("每种说法不超过 30 个字，每行一个：“%(synonym)s”太长了。") % {"synonym": too_long[0]}
        elif self.name in self.synonym_list:
            errors["synonyms"] = _("常见说法里不必重复症状名称“%(name)s”。") % {"name": self.name}
        if errors:
            raise ValidationError(errors)

    @property
    def synonym_list(self):
        return split_lines(self.synonyms)

    @property
    def terms(self):
        """The name and every everyday way of saying it."""
        return [self.name, *self.synonym_list]

    @property
    def urgent_advice(self):
        """What a red flag says before anything else."""
        return self.advice or self.URGENT_ADVICE

    @property
    def is_reviewed(self):
        return bool(self.reviewed_by and self.reviewed_on)

    def matches(self, query):
        """True when the complaint says the symptom ("头痛三天" says 头痛) or is part of one of its names."""
        return any(term in query or (len(query) >= 2 and query in term) for term in self.terms)
