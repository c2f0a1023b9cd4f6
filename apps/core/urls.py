from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("campuses/", views.CampusListView.as_view(), name="campuses"),
]
