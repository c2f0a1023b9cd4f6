"""Keeps the search index true when a symptom or a service page is edited.

The symptom table lives here, beside the guide; pages may import search (not the other way round), so the
receivers that re-index a symptom's departments are connected from this side.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from apps.experts.models import Expert
from apps.search import signals as search_signals

from .models import ServiceLink, ServicePage, Symptom


def _reindex_experts_of(department_ids):
    """The people of these departments: their documents carry the departments' everyday symptoms."""
    ids = {pk for pk in department_ids if pk is not None}
    if ids:
        experts = Expert.objects.filter(Q(primary_department__in=ids) | Q(departments__in=ids))
        search_signals.reindex(Expert, set(experts.values_list("pk", flat=True)))


@receiver(post_save, sender=Symptom)
def symptom_saved(sender, instance, **kwargs):
    _reindex_experts_of(instance.departments.values_list("pk", flat=True))


@receiver(post_delete, sender=Symptom)
def symptom_deleted(sender, instance, **kwargs):
    # The departments it pointed to, noted before the delete by search's departments_of_deleted.
    _reindex_experts_of(getattr(instance, search_signals.RELATED, ()))


@receiver(m2m_changed, sender=Symptom.departments.through)
def symptom_departments_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove"):
        _reindex_experts_of({instance.pk} if reverse else pk_set)
    elif action == "post_clear":
        # The departments unlinked, noted at pre_clear by search's m2m receiver.
        _reindex_experts_of({instance.pk} if reverse else getattr(instance, search_signals.CLEARED, ()))


# A department's search document lists the symptoms that point to it: 头痛 finds 神经内科.
post_save.connect(search_signals.departments_of_changed, sender=Symptom, dispatch_uid="search:pages.Symptom:save")
pre_delete.connect(
    search_signals.departments_of_deleted, sender=Symptom, dispatch_uid="search:pages.Symptom:pre_delete"
)
post_delete.connect(search_signals.linked_record_deleted, sender=Symptom, dispatch_uid="search:pages.Symptom:delete")
search_signals.m2m_receiver(Symptom._meta.get_field("departments"), reindex_sources=False, reindex_targets=True)


# A service page is found by its text and its links' names: saving, unpublishing or deleting it re-indexes it.
post_save.connect(search_signals.record_saved, sender=ServicePage, dispatch_uid="search:pages.ServicePage:save")
post_delete.connect(search_signals.record_deleted, sender=ServicePage, dispatch_uid="search:pages.ServicePage:delete")


@receiver([post_save, post_delete], sender=ServiceLink)
def service_link_changed(sender, instance, **kwargs):
    search_signals.reindex(ServicePage, {instance.page_id})
