"""The attachments inline that news and service pages add to their admin."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Attachment


class AttachmentInline(GenericTabularInline):
    model = Attachment
    extra = 0
    fields = ("title", "file", "kind_label", "size_label", "display_order")
    readonly_fields = ("kind_label", "size_label")
    verbose_name = _("附件")
    verbose_name_plural = _("附件（PDF、Word、Excel 或图片，列在正文下方供下载）")

    @admin.display(description=_("类型"))
    def kind_label(self, obj):
        return obj.file_type.label if obj.kind else ""

    @admin.display(description=_("大小"))
    def size_label(self, obj):
        return filesizeformat(obj.size) if obj.pk else ""
