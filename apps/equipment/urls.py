from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

app_name = "equipment"

urlpatterns = [
    path("", Placeholder.as_view(section_title="医疗设备"), name="list"),
]
