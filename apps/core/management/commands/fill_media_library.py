"""Enters in the media library the images of records saved before it existed (covers, photos, QR codes)."""

from django.core.management.base import BaseCommand

from apps.core.library import image_fields, register_images
from apps.core.models import UploadedImage


class Command(BaseCommand):
    help = "把已有记录的图片（封面、照片、二维码）登记到图片库；可重复运行，已登记的不再重复。"

    def handle(self, *args, **options):
        before = UploadedImage.objects.count()
        for model, field in image_fields():
            for record in model._default_manager.exclude(**{field.name: ""}).iterator():
                register_images(model, record)
        self.stdout.write(f"图片库新增 {UploadedImage.objects.count() - before} 张图片。")
