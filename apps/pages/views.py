"""Views that compose the content apps: the home page, patient-service pages and 导诊."""

from django.views.generic import DetailView, TemplateView

from apps.core.views import OldSlugRedirectMixin, PublishedForVisitorsMixin

from .models import ServicePage


class HomeView(TemplateView):
    template_name = "pages/home.html"


class ServicePageDetailView(OldSlugRedirectMixin, PublishedForVisitorsMixin, DetailView):
    model = ServicePage
    context_object_name = "page"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("links", "qr_codes")
