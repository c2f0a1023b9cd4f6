"""Shared model pieces: timestamps, publishing, campuses and the record of loaded content."""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .images import PortalImageField
from .links import validate_https_url, validate_web_url
from .phones import phone_list, validate_phone, validate_phone_list
from .slugs import pinyin_slug, unique_slug


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


# What the <slug:> URL converter matches (and Django's validate_slug): a slug the database holds can
# always be reversed into an address, whether it came through the admin, a fixture, an import or .update().
URL_SAFE_SLUG = models.CheckConstraint(
    condition=models.Q(slug__regex=r"^[-a-zA-Z0-9_]+\Z"),
    name="%(app_label)s_%(class)s_slug_is_url_safe",
    violation_error_message=_("网址标识只能由英文字母、数字、连字符（-）和下划线（_）组成，且不能为空。"),
)


class SluggedModel(models.Model):
    """A pinyin slug made from `slug_source_field` when first saved; it stays when the name is edited.

    When an editor changes a slug by hand, the old one is kept in OldSlug and redirects to the new.
    A subclass's Meta inherits SluggedModel.Meta, so that its table gets the URL_SAFE_SLUG constraint.
    """

    slug_source_field = "name"

    slug = models.SlugField(
        _("网址标识"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("由名称的拼音自动生成，一般无需填写。修改后，旧网址会自动跳转到新网址。"),
    )

    class Meta:
        abstract = True
        constraints = [URL_SAFE_SLUG]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.new_slug()
        elif self.pk:
            previous = type(self)._default_manager.filter(pk=self.pk).values_list("slug", flat=True).first()
            if previous and previous != self.slug:
                OldSlug.objects.update_or_create(
                    content_type=ContentType.objects.get_for_model(self, for_concrete_model=False),
                    slug=previous,
                    defaults={"object_id": self.pk},
                )
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # Made before the constraints are validated, so that they check the slug that will be saved.
        if not self.slug:
            self.slug = self.new_slug()

    def new_slug(self):
        return unique_slug(type(self), pinyin_slug(getattr(self, self.slug_source_field)), exclude_pk=self.pk)


class OldSlug(models.Model):
    """A slug a record used to have; its old address redirects to the record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=80)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("旧网址标识")
        verbose_name_plural = _("旧网址标识")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="core_oldslug_unique_per_type"),
            URL_SAFE_SLUG,
        ]

    def __str__(self):
        return self.slug


class CampusManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Campus(SluggedModel):
    """One of the hospital's sites. The seeds name them but give no address: staff fill those in."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(
        _("电话"), max_length=50, blank=True, validators=[validate_phone], help_text=_("例如：0734-8888888。")
    )
    opening_hours = models.TextField(_("门诊时间"), blank=True)
    emergency_phone = models.CharField(
        _("急诊电话"), max_length=50, blank=True, validators=[validate_phone], help_text=_("该院区急诊科的电话。")
    )
    emergency_hours = models.CharField(
        _("急诊时间"), max_length=100, blank=True, help_text=_("例如：24 小时。该院区没有急诊时留空。")
    )
    transport = models.TextField(_("交通指引"), blank=True)
    map_url = models.URLField(
        _("地图链接"), blank=True, validators=[validate_web_url], help_text=_("例如在线地图中该院区的链接。")
    )
    description = models.TextField(_("院区介绍"), blank=True, help_text=_("院区有哪些科室、楼宇与服务。"))
    photo = PortalImageField(
        _("院区照片"),
        upload_prefix="campuses",
        blank=True,
        help_text=_("医院实拍的院区外景，横幅为宜。第一个有照片的院区也用作首页大图；不填时显示院徽。"),
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=0)

    objects = CampusManager()

    class Meta(SluggedModel.Meta):
        ordering = ["display_order", "id"]
        verbose_name = _("院区")
        verbose_name_plural = _("院区")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:campuses") + f"#{self.slug}"

    def natural_key(self):
        return (self.name,)


class HospitalInfo(models.Model):
    """The hospital's contact facts and booking channels: one record, shown in the header, footer and service pages.

    Every field may stay empty until the hospital gives it; an empty field shows nothing anywhere.
    """

    switchboard_phone = models.CharField(_("总机电话"), max_length=30, blank=True, validators=[validate_phone])
    emergency_phone = models.CharField(
        _("急诊电话"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text=_("显示在每一页的顶部，患者在手机上点一下即可拨打。"),
    )
    booking_phone = models.CharField(_("预约挂号电话"), max_length=30, blank=True, validators=[validate_phone])
    booking_hotlines = models.CharField(
        _("电话预约热线"),
        max_length=100,
        blank=True,
        validators=[validate_phone_list],
        help_text=_("医院开通的公共预约热线，多个用顿号分开，例如：114、12320。"),
    )
    online_booking_url = models.URLField(
        _("网上预约挂号网址"), blank=True, validators=[validate_https_url], help_text=_("以 https:// 开头的完整网址。")
    )
    wechat_account = models.CharField(_("微信公众号名称"), max_length=60, blank=True)
    wechat_qr_code = PortalImageField(_("公众号二维码"), upload_prefix="contact", blank=True)
    mini_program = models.CharField(_("微信小程序名称"), max_length=60, blank=True)
    mini_program_qr_code = PortalImageField(_("小程序二维码"), upload_prefix="contact", blank=True)
    icp_number = models.CharField(
        _("ICP 备案号"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^[\u4e00-\u9fa5]ICP[备证]\d{6,10}号(-\d{1,3})?\Z",
                _("ICP 备案号的格式应如：湘ICP备12345678号-1。"),
                code="invalid_icp",
            )
        ],
        help_text=_("显示在每一页的页脚，链接到工业和信息化部的备案查询。"),
    )
    public_security_number = models.CharField(
        _("公安备案号"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^[\u4e00-\u9fa5]公网安备 ?\d{14}号\Z",
                _("公安备案号的格式应如：湘公网安备43040502000123号。"),
                code="invalid_public_security_number",
            )
        ],
    )
    updated_at = models.DateTimeField(_("最后修改"), auto_now=True)

    class Meta:
        verbose_name = _("医院信息")
        verbose_name_plural = _("医院信息")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="core_hospitalinfo_single_record")]

    def __str__(self):
        return str(_("医院联系方式与预约渠道"))

    def save(self, *args, **kwargs):
        self.pk = 1  # One record for the whole site.
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The record, unsaved and empty when nobody has filled it in yet."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def booking_hotline_list(self):
        return phone_list(self.booking_hotlines)

    @property
    def has_booking_channels(self):
        return bool(
            self.booking_phone
            or self.booking_hotlines
            or self.online_booking_url
            or self.wechat_account
            or self.wechat_qr_code
            or self.mini_program
            or self.mini_program_qr_code
        )

    @property
    def public_security_code(self):
        """The digits of the 公安备案号, which its query page takes."""
        return "".join(re.findall(r"\d", self.public_security_number))


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


class UploadedImage(models.Model):
    """An image of the media library (图片库): uploaded into a rich-text editor or the library, or copied from
    another site; kept so that every image has an owner, a date, a text alternative, and can be used again."""

    image = PortalImageField(_("图片"), upload_prefix="editor", width_field="width", height_field="height")
    title = models.CharField(_("标题"), max_length=200, blank=True, help_text=_("便于在图片库中查找，不在网页上显示。"))
    alt_text = models.CharField(
        _("替代文字"),
        max_length=200,
        blank=True,
        help_text=_("用一句话描述图片内容，供视障读者使用；从图片库插入正文时一并带入。图片说明另在正文中填写。"),
    )
    # Where a copied image came from (apps.core.remote_images): a record, never shown as a link.
    source_url = models.CharField(_("来源网址"), max_length=500, blank=True, editable=False)
    width = models.PositiveIntegerField(_("宽度"), null=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传者"), null=True, on_delete=models.SET_NULL, editable=False
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("图片")
        verbose_name_plural = _("图片库")

    def __str__(self):
        return self.title or self.image.name
