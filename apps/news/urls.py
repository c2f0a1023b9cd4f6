from django.urls import path

from apps.core.views import SectionUnderConstructionView as Placeholder

app_name = "news"

urlpatterns = [
    path("", Placeholder.as_view(section_title="新闻动态"), name="list"),
    path("feed/", Placeholder.as_view(section_title="新闻订阅"), name="feed"),
]
