from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("about/", views.AboutView.as_view(), name="about"),
    path("history/", views.TimelineView.as_view(), name="timeline"),
    path("honors/", views.HonourListView.as_view(), name="honors"),
]
