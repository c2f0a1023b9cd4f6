"""Files attached to news and service pages (招聘、招标 notices, forms to fill in): PDF, Word, Excel, images."""

import uuid
from pathlib import PurePosixPath

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.images import reencoded_image

from .filetypes import TYPES, detect_type


def attachment_name(instance, filename):
    """`attachments/<yyyy>/<mm>/<random>.<ext>`, the extension of the type found in the content."""
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"


def validate_attachment(file):
    if getattr(file, "_committed", False):
        return  # checked when it was uploaded
    detect_type(file)


class AttachmentQuerySet(models.QuerySet):
    def for_listing(self):
        return self.only("id", "title", "kind", "size", "content_type_id", "object_id", "display_order")


class Attachment(models.Model):
    """A file offered for download under an article or a service page."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("所属内容类型"))
    object_id = models.PositiveBigIntegerField(_("所属内容"))
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(
        _("名称"), max_length=200, help_text=_("下载列表中显示的名称，也是下载后的文件名，如“2026年招聘公告”。")
    )
    file = models.FileField(
        _("文件"),
        upload_to=attachment_name,
        max_length=200,
        validators=[validate_attachment],
        help_text=_("PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片，按文件内容识别类型。"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=[(key, key) for key in TYPES], editable=False)
    size = models.PositiveBigIntegerField(_("大小（字节）"), default=0, editable=False)
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=0)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        indexes = [models.Index(fields=["content_type", "object_id"], name="media_attachment_owner")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        upload = self.file.file if self.file and not self.file._committed else None
        if upload is not None:
            file_type = detect_type(upload)
            self.kind = file_type.extension
            content = upload
            if file_type.content_type.startswith("image/"):
                # An image is stored as every upload is: re-encoded, without its EXIF position and owner.
                content = ContentFile(reencoded_image(upload))
            self.file.save(f"upload.{self.kind}", content, save=False)
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("media:attachment", kwargs={"pk": self.pk})

    @property
    def file_type(self):
        return TYPES[self.kind]

    @property
    def download_name(self):
        """The title as a file name, with the extension of the type the content has."""
        stem = PurePosixPath(self.title.replace("\\", "/")).name.strip() or "attachment"
        return f"{stem}.{self.kind}"
