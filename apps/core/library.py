"""The media library (图片库): every image of the site in one list, where each is used, and picking one again.

The library is the UploadedImage table. Images uploaded into rich text or copied from other sites are
UploadedImages from the start; the covers and photos of other records (PortalImageField) are entered in it
when their record is saved (`register_images`), pointing at the same stored file, so that nothing is copied.
Where an image is used is found from the models themselves: any PortalImageField holding its name, and any
RichTextField whose HTML mentions it; no app is imported.
"""

import html
import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.widgets import AdminFileWidget
from django.db.models import Q
from django.db.models.signals import post_save
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .images import PortalImageField
from .richtext import RichTextField


@dataclass(frozen=True)
class Usage:
    """One record that shows an image."""

    label: str
    record: object
    admin_url: str

    def __str__(self):
        return f"{self.label}：{self.record}"


def _library_model():
    return apps.get_model("core", "UploadedImage")


def image_fields():
    """[(model, PortalImageField)] of every model but the library's own."""
    library = _library_model()
    return [
        (model, field)
        for model in apps.get_models()
        if model is not library
        for field in model._meta.get_fields()
        if isinstance(field, PortalImageField)
    ]


def rich_text_fields():
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, RichTextField)
    ]


def _admin_url(record):
    opts = record._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return ""


def usages(name):
    """The records that show the stored image `name`: as their image, or in their rich text."""
    if not name:
        return []
    found = []
    by_model = {}
    for model, field in image_fields():
        by_model.setdefault(model, []).append(Q(**{field.name: name}))
    for model, field in rich_text_fields():
        by_model.setdefault(model, []).append(Q(**{f"{field.name}__contains": name}))
    for model, conditions in by_model.items():
        condition = conditions[0]
        for other in conditions[1:]:
            condition |= other
        for record in model._default_manager.filter(condition)[:50]:
            found.append(Usage(str(model._meta.verbose_name), record, _admin_url(record)))
    return found


IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_ATTRIBUTE = re.compile(r"""\salt\s*=\s*("([^"]*)"|'([^']*)'|[^\s"'>]+)""", re.IGNORECASE)
SRC_ATTRIBUTE = re.compile(r"""\ssrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def _attribute(pattern, tag):
    match = pattern.search(tag)
    if not match:
        return None
    return html.unescape(next((part for part in match.groups()[1:] if part is not None), match.group(1)))


def images_without_alt():
    """[(Usage, src)] for every image in rich text with no text alternative, for the launch checklist."""
    found = []
    for model, field in rich_text_fields():
        for record in model._default_manager.filter(**{f"{field.name}__icontains": "<img"}).iterator():
            for tag in IMG_TAG.findall(getattr(record, field.attname) or ""):
                if not (_attribute(ALT_ATTRIBUTE, tag) or "").strip():
                    usage = Usage(str(model._meta.verbose_name), record, _admin_url(record))
                    found.append((usage, _attribute(SRC_ATTRIBUTE, tag) or ""))
    return found


def remember_alt_texts(rich_text):
    """The text alternatives written in rich text become those of their library images that have none,
    so that inserting the image again from the library brings its description along."""
    from .richtext import stored_image_name  # noqa: PLC0415 - richtext imports the image fields

    library = _library_model()
    for tag in IMG_TAG.findall(rich_text or ""):
        alt = (_attribute(ALT_ATTRIBUTE, tag) or "").strip()
        name = stored_image_name(_attribute(SRC_ATTRIBUTE, tag) or "")
        if alt and name:
            library.objects.filter(image=name, alt_text="").update(alt_text=alt[:200])


def register_images(sender, instance, raw=False, **kwargs):
    """post_save: the images of a record (a cover, a photo) are entered in the library, sharing their file."""
    if raw:
        return
    library = _library_model()
    for field in sender._meta.get_fields():
        if not isinstance(field, PortalImageField):
            continue
        file = getattr(instance, field.attname)
        if file and file.name and not library.objects.filter(image=file.name).exists():
            library.objects.create(image=file.name, title=str(instance)[:200])


def connect_library():
    """Every model with an image field enters its images in the library when saved."""
    for model, _field in image_fields():
        post_save.connect(register_images, sender=model, dispatch_uid=f"library:{model._meta.label}")


class LibraryImageWidget(AdminFileWidget):
    """An image upload that can instead take an image from the library, by its number or the lookup popup.

    The chosen library image's stored file becomes the field's file: nothing is uploaded or copied again.
    """

    template_name = "core/widgets/library_image.html"

    def library_name(self, name):
        return f"{name}_library"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field_id = (attrs or {}).get("id") or f"id_{name}"
        context["library"] = {
            "name": self.library_name(name),
            "id": f"{field_id}_library",
            "url": reverse("admin:core_uploadedimage_changelist") + "?_to_field=id&_popup=1",
        }
        return context

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        chosen = (data.get(self.library_name(name)) or "").strip()
        if upload is not None or not chosen:
            return upload
        if not (chosen.isascii() and chosen.isdigit()):
            return None
        record = _library_model().objects.filter(pk=int(chosen)).first()
        return record.image if record else None

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and self.library_name(name) not in data


def thumbnail(record, width=96):
    """A small rendition of a library image for the admin's lists."""
    from .images import renditions  # noqa: PLC0415 - kept beside its only use

    versions = renditions(record.image)
    if not versions:
        return ""
    url, shown_width, shown_height = versions[0]
    height = round(shown_height * width / shown_width)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        url,
        width,
        height,
        record.alt_text or _("图片 %(number)s") % {"number": record.pk},
    )
