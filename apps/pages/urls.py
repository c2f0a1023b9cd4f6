from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

from . import views

app_name = "pages"

urlpatterns = [
    path("guide/", Placeholder.as_view(section_title="智能导诊"), name="guide"),
    path("services/<slug:slug>/", views.ServicePageDetailView.as_view(), name="service"),
]
