"""Patient-service pages edited in the admin: 就医指南, 预约挂号, 院务公开, 联系我们."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.images import PortalImageField
from apps.core.links import validate_web_url
from apps.core.models import PublishableModel, SluggedModel
from apps.core.richtext import RichTextField


class ServicePage(PublishableModel, SluggedModel):
    """A page for patients; it appears in the navigation once it is published."""

    slug_source_field = "title"

    title = models.CharField(_("标题"), max_length=100, unique=True)
    summary = models.CharField(_("摘要"), max_length=300, blank=True, help_text=_("显示在页面顶部和搜索引擎结果中。"))
    body = RichTextField(_("正文"), blank=True)
    navigation_order = models.PositiveSmallIntegerField(_("导航顺序"), default=100)
    attachments = GenericRelation("media.Attachment")

    class Meta(SluggedModel.Meta):
        ordering = ["navigation_order", "title"]
        verbose_name = _("就医服务页面")
        verbose_name_plural = _("就医服务页面")

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
