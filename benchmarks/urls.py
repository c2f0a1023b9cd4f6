"""The baseline pages of `make bench`, mounted under /bench/ only when BENCHMARK is on."""

from django.urls import path

from . import views

app_name = "benchmarks"

urlpatterns = [
    path("prebuilt/", views.prebuilt_response, name="prebuilt"),
    path("template/", views.template_response, name="template"),
]
