from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

app_name = "pages"

urlpatterns = [
    path("guide/", Placeholder.as_view(section_title="智能导诊"), name="guide"),
]
