"""URL contract of the portal (see DESIGN.md): each section is an app's own urls.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from apps.core import views as core_views
from apps.core.cache import reads_query_parameters
from apps.pages.sitemaps import sitemaps
from apps.pages.views import HomeView, LaunchChecklistView

admin.site.site_header = "衡阳市中心医院 网站管理"
admin.site.site_title = "衡阳市中心医院 网站管理"
admin.site.index_title = "内容管理"

handler400 = "apps.core.views.bad_request"
handler403 = "apps.core.views.permission_denied"
handler404 = "apps.core.views.page_not_found"
handler500 = "apps.core.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("apps.core.urls")),
    path("", include("apps.history.urls")),
    path("departments/", include("apps.departments.urls")),
    path("experts/", include("apps.experts.urls")),
    path("equipment/", include("apps.equipment.urls")),
    path("news/", include("apps.news.urls")),
    path("", include("apps.pages.urls")),
    path("", include("apps.media.urls")),
    path("search/", include("apps.search.urls")),
    path("sitemap.xml", reads_query_parameters("p")(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/launch-checklist/", admin.site.admin_view(LaunchChecklistView.as_view()), name="launch-checklist"),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK:
    urlpatterns += [path("bench/", include("benchmarks.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
