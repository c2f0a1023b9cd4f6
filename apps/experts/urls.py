from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
    path("", views.ExpertListView.as_view(), name="list"),
    path("<slug:slug>/", views.ExpertDetailView.as_view(), name="detail"),
    path("<slug:slug>/schedule.ics", views.ExpertScheduleCalendarView.as_view(), name="schedule_ics"),
]
