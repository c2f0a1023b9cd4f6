from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

app_name = "history"

urlpatterns = [
    path("about/", Placeholder.as_view(section_title="医院简介"), name="about"),
    path("history/", Placeholder.as_view(section_title="历史沿革"), name="timeline"),
    path("honors/", Placeholder.as_view(section_title="荣誉资质"), name="honors"),
]
