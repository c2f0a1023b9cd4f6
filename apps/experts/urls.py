from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

app_name = "experts"

urlpatterns = [
    path("", Placeholder.as_view(section_title="专家介绍"), name="list"),
    path("<slug:slug>/", Placeholder.as_view(section_title="专家"), name="detail"),
]
