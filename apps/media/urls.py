from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("attachments/<int:pk>/", views.download, name="attachment"),
]
