"""The public GET routes of the URL contract, read from the URL resolver so new pages are covered as they land.

A route with a `<slug>` is included only when the model it shows exists and a record of it can be
made: by a factory of `tests/factories`, or, for a model with no required relation, from
obviously synthetic values. `Route.url()` then makes one (published, when the model is publishable)
and returns its address.
"""

import datetime
import itertools
from dataclasses import dataclass

import factory.django
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.generic.detail import SingleObjectMixin

from apps.core.models import PublishableModel
from tests import factories

# Editors' addresses, not the public contract.
PRIVATE_PREFIXES = ("admin/", "ckeditor5/")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    params: tuple
    model: type | None = None

    def __str__(self):
        return self.name

    def url(self):
        if not self.params:
            return reverse(self.name)
        record = make_record(self.model)
        return reverse(self.name, kwargs={param: getattr(record, param) for param in self.params})


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route, entry


def _model_shown_by(pattern, name):
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is not None and issubclass(view_class, SingleObjectMixin):
        return view_class.model or getattr(view_class.queryset, "model", None)
    # A list filtered by a slug (news by category): the app's model named like the route.
    app_label = name.split(":")[0]
    if app_label in apps.app_configs:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.model_name in name.split(":")[-1]:
                return model
    return None


def public_routes():
    routes = []
    for name, route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith(PRIVATE_PREFIXES):
            continue
        params = tuple(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else ()
        if not params:
            routes.append(Route(name, route, ()))
            continue
        model = _model_shown_by(pattern, name)
        fields = {field.name for field in model._meta.get_fields()} if model else set()
        if model and set(params) <= fields and (FACTORIES.get(model) or can_make_synthetic(model)):
            routes.append(Route(name, route, params, model))
    return sorted(routes, key=lambda item: item.name)


def _factories_by_model():
    """Every DjangoModelFactory of tests/factories, by the model it makes."""
    return {
        value._meta.get_model_class(): value
        for value in vars(factories).values()
        if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory) and value._meta.model
    }


FACTORIES = _factories_by_model()


_SYNTHETIC_TEXT = (models.CharField, models.TextField)
_numbers = itertools.count(1)


def _required_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key or field.has_default() or field.null or field.blank)
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def can_make_synthetic(model):
    return all(isinstance(field, _SYNTHETIC_TEXT) for field in _required_fields(model))


def _synthetic(model):
    number = next(_numbers)
    values = {field.name: f"测试记录{number}"[: field.max_length or 50] for field in _required_fields(model)}
    return model._default_manager.create(**values)


def make_record(model):
    factory_class = FACTORIES.get(model)
    record = factory_class() if factory_class else _synthetic(model)
    if isinstance(record, PublishableModel):
        record.status = PublishableModel.Status.PUBLISHED
        record.published_at = timezone.now() - datetime.timedelta(days=1)
        record.save()
    return record
