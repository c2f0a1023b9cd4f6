from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

app_name = "departments"

urlpatterns = [
    path("", Placeholder.as_view(section_title="科室导航"), name="list"),
    path("<slug:slug>/", Placeholder.as_view(section_title="科室"), name="detail"),
]
