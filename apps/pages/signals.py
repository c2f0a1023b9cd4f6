"""Keeps the search index true when a symptom is edited.

The symptom table lives here, beside the guide; pages may import search (not the other way round), so the
receivers that re-index a symptom's departments are connected from this side.
"""

from django.db.models.signals import post_delete, post_save, pre_delete

from apps.search import signals as search_signals

from .models import Symptom

# A department's search document lists the symptoms that point to it: 头痛 finds 神经内科.
post_save.connect(search_signals.departments_of_changed, sender=Symptom, dispatch_uid="search:pages.Symptom:save")
pre_delete.connect(
    search_signals.departments_of_deleted, sender=Symptom, dispatch_uid="search:pages.Symptom:pre_delete"
)
post_delete.connect(search_signals.linked_record_deleted, sender=Symptom, dispatch_uid="search:pages.Symptom:delete")
search_signals.m2m_receiver(Symptom._meta.get_field("departments"), reindex_sources=False, reindex_targets=True)
