from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("guide/", views.GuideView.as_view(), name="guide"),
    path("services/<slug:slug>/", views.ServicePageDetailView.as_view(), name="service"),
]
