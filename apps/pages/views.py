"""Views that compose the content apps: the home page."""

from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "pages/home.html"
