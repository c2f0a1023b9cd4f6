"""Keeps the search index true: a saved, deleted or re-linked record re-indexes itself and the
records whose documents mention it (an expert's departments list the expert's name and specialties;
an article names its category, departments and experts)."""

import threading
from collections import defaultdict
from contextlib import contextmanager
from functools import partial

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from apps.core.models import Campus
from apps.departments.models import Centre, Condition, Department, Designation, DesignationType
from apps.equipment.models import Equipment, EquipmentCategory
from apps.experts.models import Expert, Workstation
from apps.media.models import Attachment
from apps.news.models import Article, ArticleImage, Category

from .documents import index_objects, indexed_models, remove_objects

BEFORE = "_search_before"
RELATED = "_search_related"
CLEARED = "_search_cleared"

_deferred = threading.local()


@contextmanager
def indexing_deferred():
    """Within this block, records to re-index are only noted, and each is indexed once, at the end.

    Loading a fixture saves a department and then links it to its campuses, designations and
    centres one relation at a time: indexed as it goes, each department was segmented a dozen times.
    """
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending = defaultdict(set)
    try:
        yield
        pending = _deferred.pending
    finally:
        _deferred.pending = None
    for model, pks in pending.items():
        _index(model, pks)


def _index(model, pks):
    """Indexes the records of `pks`; the documents of those that no longer exist are removed."""
    if index_objects(model._default_manager.filter(pk__in=pks)) < len(pks):
        remove_objects(model, pks - _ids(model._default_manager.filter(pk__in=pks)))


def reindex(model, pks):
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        pending[model._meta.concrete_model] |= pks
    else:
        _index(model, pks)


def index_instance(instance):
    """Re-indexes one record after it changed (a record that no longer exists is removed)."""
    reindex(type(instance), {instance.pk})


def reindex_departments(pks):
    """Departments, and the workstations in them (which list what their department treats)."""
    pks = {pk for pk in pks if pk is not None}
    reindex(Department, pks)
    if pks:
        reindex(Workstation, _ids(Workstation.objects.filter(department__in=pks)))


def _ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def _remember(sender, instance, fields):
    """pre_save: the stored values of `fields`, to tell afterwards what an edit changed."""
    before = None
    if instance.pk is not None:
        before = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    setattr(instance, BEFORE, before or {})


def _changed(instance, field):
    before = getattr(instance, BEFORE, {})
    return bool(before) and before.get(field) != getattr(instance, field)


# --- departments -------------------------------------------------------------------------------


def _department_mentions(department):
    """Documents that carry a department's name."""
    return {
        Department: _ids(Department.objects.filter(parent=department)),
        Expert: _ids(Expert.objects.filter(departments=department)),
        Workstation: _ids(Workstation.objects.filter(department=department)),
        Equipment: _ids(Equipment.objects.filter(departments=department)),
        Article: _ids(Article.objects.filter(departments=department)),
    }


def department_pre_save(sender, instance, **kwargs):
    _remember(sender, instance, ["name"])


def department_saved(sender, instance, **kwargs):
    index_instance(instance)
    reindex(Workstation, _ids(Workstation.objects.filter(department=instance)))
    if _changed(instance, "name"):
        for model, pks in _department_mentions(instance).items():
            reindex(model, pks)


def department_pre_delete(sender, instance, **kwargs):
    setattr(instance, RELATED, _department_mentions(instance))


def departments_of_changed(sender, instance, **kwargs):
    """A condition, centre or designation changed: the departments it is linked to list it."""
    reindex_departments(_ids(instance.departments.all()))


def departments_of_deleted(sender, instance, **kwargs):
    setattr(instance, RELATED, _ids(instance.departments.all()))


def linked_record_deleted(sender, instance, **kwargs):
    reindex_departments(getattr(instance, RELATED, set()))


def designation_type_saved(sender, instance, **kwargs):
    if _changed(instance, "name"):
        reindex(Department, _ids(Department.objects.filter(designations__designation_type=instance)))


# --- experts and workstations --------------------------------------------------------------------


def _expert_mentions(expert, name_changed=True):
    related = {
        Department: _ids(Department.objects.filter(experts=expert)),
        Workstation: _ids(Workstation.objects.filter(lead_expert=expert)),
    }
    if name_changed:
        related[Article] = _ids(Article.objects.filter(experts=expert))
    return related


def expert_pre_save(sender, instance, **kwargs):
    _remember(sender, instance, ["name"])


def expert_saved(sender, instance, **kwargs):
    index_instance(instance)
    # Departments list their experts' names and specialties, whatever changed.
    for model, pks in _expert_mentions(instance, name_changed=_changed(instance, "name")).items():
        reindex(model, pks)


def expert_pre_delete(sender, instance, **kwargs):
    setattr(instance, RELATED, _expert_mentions(instance))


def workstation_pre_save(sender, instance, **kwargs):
    _remember(sender, instance, ["lead_expert_id", "department_id"])


def workstation_saved(sender, instance, **kwargs):
    index_instance(instance)
    before = getattr(instance, BEFORE, {})
    reindex(Expert, {instance.lead_expert_id, before.get("lead_expert_id")})
    reindex(Department, {instance.department_id, before.get("department_id")})


def workstation_pre_delete(sender, instance, **kwargs):
    setattr(instance, RELATED, {Expert: {instance.lead_expert_id}, Department: {instance.department_id}})


# --- news and equipment --------------------------------------------------------------------------


def record_saved(sender, instance, **kwargs):
    index_instance(instance)


def article_image_changed(sender, instance, **kwargs):
    reindex(Article, {instance.article_id})


def attachment_changed(sender, instance, **kwargs):
    """An article's (or a service page's) document lists the titles of its attached files."""
    model = instance.content_type.model_class()
    if model in indexed_models():
        reindex(model, {instance.object_id})


def name_pre_save(sender, instance, **kwargs):
    _remember(sender, instance, ["name"])


def category_saved(sender, instance, **kwargs):
    if _changed(instance, "name"):
        reindex(Article, _ids(instance.articles.all()))


def equipment_category_saved(sender, instance, **kwargs):
    if _changed(instance, "name"):
        reindex(Equipment, _ids(instance.equipment.all()))


def campus_saved(sender, instance, **kwargs):
    if _changed(instance, "name"):
        reindex(Department, _ids(instance.departments.all()))
        reindex(Equipment, _ids(instance.equipment.all()))


# --- deletions and links -------------------------------------------------------------------------


def record_deleted(sender, instance, **kwargs):
    remove_objects(sender, [instance.pk])
    for model, pks in getattr(instance, RELATED, {}).items():
        reindex(model, pks)


def m2m_receiver(field, reindex_sources, reindex_targets):
    """Re-indexes one or both sides of a many-to-many field when links are added, removed or cleared."""
    through = field.remote_field.through
    source_model, target_model = field.model, field.remote_field.model
    source_attr, target_attr = field.m2m_field_name(), field.m2m_reverse_field_name()

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if action == "pre_clear":
            mine, other = (target_attr, source_attr) if reverse else (source_attr, target_attr)
            links = through.objects.filter(**{f"{mine}_id": instance.pk})
            setattr(instance, CLEARED, set(links.values_list(f"{other}_id", flat=True)))
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        others = set(pk_set or ()) | (getattr(instance, CLEARED, set()) if action == "post_clear" else set())
        sources, targets = (others, {instance.pk}) if reverse else ({instance.pk}, others)
        for model, pks, wanted in ((source_model, sources, reindex_sources), (target_model, targets, reindex_targets)):
            if wanted:
                (reindex_departments if model is Department else partial(reindex, model))(pks)

    m2m_changed.connect(
        receiver, sender=through, weak=False, dispatch_uid=f"search:{field.model._meta.label}.{field.name}"
    )


def connect():
    for model, pre, saved, pre_delete_receiver in (
        (Department, department_pre_save, department_saved, department_pre_delete),
        (Expert, expert_pre_save, expert_saved, expert_pre_delete),
        (Workstation, workstation_pre_save, workstation_saved, workstation_pre_delete),
        (Equipment, None, record_saved, None),
        (Article, None, record_saved, None),
    ):
        uid = f"search:{model._meta.label}"
        if pre:
            pre_save.connect(pre, sender=model, dispatch_uid=f"{uid}:pre_save")
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}:save")
        if pre_delete_receiver:
            pre_delete.connect(pre_delete_receiver, sender=model, dispatch_uid=f"{uid}:pre_delete")
        post_delete.connect(record_deleted, sender=model, dispatch_uid=f"{uid}:delete")

    for model, saved in (
        (Category, category_saved),
        (EquipmentCategory, equipment_category_saved),
        (Campus, campus_saved),
    ):
        uid = f"search:{model._meta.label}"
        pre_save.connect(name_pre_save, sender=model, dispatch_uid=f"{uid}:pre_save")
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}:save")
    for model in (Condition, Centre, Designation):
        uid = f"search:{model._meta.label}"
        post_save.connect(departments_of_changed, sender=model, dispatch_uid=f"{uid}:save")
        pre_delete.connect(departments_of_deleted, sender=model, dispatch_uid=f"{uid}:pre_delete")
        post_delete.connect(linked_record_deleted, sender=model, dispatch_uid=f"{uid}:delete")
        m2m_receiver(model._meta.get_field("departments"), reindex_sources=False, reindex_targets=True)
    pre_save.connect(name_pre_save, sender=DesignationType, dispatch_uid="search:departments.DesignationType:pre_save")
    post_save.connect(
        designation_type_saved, sender=DesignationType, dispatch_uid="search:departments.DesignationType:save"
    )

    post_save.connect(article_image_changed, sender=ArticleImage, dispatch_uid="search:news.ArticleImage:save")
    post_delete.connect(article_image_changed, sender=ArticleImage, dispatch_uid="search:news.ArticleImage:delete")
    post_save.connect(attachment_changed, sender=Attachment, dispatch_uid="search:media.Attachment:save")
    post_delete.connect(attachment_changed, sender=Attachment, dispatch_uid="search:media.Attachment:delete")

    m2m_receiver(Expert._meta.get_field("departments"), reindex_sources=True, reindex_targets=True)
    m2m_receiver(Department._meta.get_field("campuses"), reindex_sources=True, reindex_targets=False)
    m2m_receiver(Equipment._meta.get_field("departments"), reindex_sources=True, reindex_targets=False)
    m2m_receiver(Article._meta.get_field("departments"), reindex_sources=True, reindex_targets=False)
    m2m_receiver(Article._meta.get_field("experts"), reindex_sources=True, reindex_targets=False)
