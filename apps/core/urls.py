from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("campuses/", views.CampusListView.as_view(), name="campuses"),
    path("ckeditor5/image-upload/", views.upload_editor_image, name="editor-image-upload"),
]
