from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

app_name = "search"

urlpatterns = [
    path("", Placeholder.as_view(section_title="站内搜索"), name="results"),
]
