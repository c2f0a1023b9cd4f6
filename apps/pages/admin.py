from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import URL_FIELDS_ASSUME_HTTPS, PublishableAdmin
from apps.media.admin import AttachmentInline

from .models import ServiceLink, ServicePage, ServiceQRCode


class ServiceLinkInline(admin.TabularInline):
    model = ServiceLink
    extra = 0
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


class ServiceQRCodeInline(admin.TabularInline):
    model = ServiceQRCode
    extra = 0


@admin.register(ServicePage)
class ServicePageAdmin(PublishableAdmin):
    list_display = ("title", "publication_state", "published_at", "navigation_order", "updated_at")
    list_editable = ("navigation_order",)
    search_fields = ("title", "summary", "body")
    inlines = (ServiceLinkInline, ServiceQRCodeInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (_("发布"), {"fields": ("status", "published_at", "navigation_order")}),
    )
