"""Keeps each expert's "schedule last changed" time, shown beside their timetable."""

from django.utils import timezone

from .models import Expert


def schedule_changed(sender, instance, raw=False, **kwargs):
    """A weekly session or an exception was saved or deleted: its expert's page changed."""
    if raw:
        return
    now = timezone.now()
    Expert.objects.filter(pk=instance.expert_id).update(schedule_updated_at=now, updated_at=now)
