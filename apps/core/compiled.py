"""A page's read as one SQL statement, built by the ORM once per process and run with each request's values.

Turning a queryset into SQL is Python work that grows with what the query reads. For a page that
shows a record with eight related lists it took three times as long as PostgreSQL took to answer
(about 9 ms of building and compiling against 0.6 ms of database time, docs/performance.md). That
SQL depends only on the code, never on the request: so a CompiledQuery builds its queryset once,
from placeholders, and each call only puts the request's values in their places. With prepared
statements on (settings), PostgreSQL also plans it once per connection.

Related lists are read in the same statement, as JSON (`related_rows()`), and come back as model
instances (`from_json()`), so that templates and model methods work as they do on querysets.
"""

from datetime import UTC, datetime, timedelta
from functools import partial

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import DEFERRED
from django.db.models.functions import JSONObject


def _placeholder(name, kind, number):
    """A value that no request sends, to stand for `name` while the query is built."""
    if kind is str:
        return f"\ue000{name}\ue000"
    if kind is datetime:
        return datetime(2000, 1, 1, tzinfo=UTC) + timedelta(microseconds=number + 1)
    raise ImproperlyConfigured(f"CompiledQuery: {name} must be a str or a datetime, not {kind.__name__}")


class CompiledQuery:
    """A `.values()` queryset compiled on first use; each call runs its SQL with new values, as dicts.

        page = CompiledQuery(lambda slug: Department.objects.filter(slug=slug).values("name"), slug=str)
        page(slug="pu-wai-zhong-xin")  # [{"name": "普外中心"}]

    `build` receives a placeholder for each named value (a str or an aware datetime). It must use
    each only as the value of a lookup, and decide nothing on it in Python: it runs once, with the
    placeholders, and its SQL then serves every call.
    """

    def __init__(self, build, **kinds):
        self._build, self._kinds = build, kinds
        self._compiled = None

    def _compile(self):
        placeholders = {name: _placeholder(name, kind, n) for n, (name, kind) in enumerate(self._kinds.items())}
        query = self._build(**placeholders).query
        # Compiled for the primary; every database of the site is PostgreSQL, so the SQL serves the replicas too.
        compiler = query.get_compiler(using=DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        slots = {}
        for name, placeholder in placeholders.items():
            slots[name] = [
                i for i, param in enumerate(params) if type(param) is type(placeholder) and param == placeholder
            ]
            if not slots[name]:
                raise ImproperlyConfigured(f"CompiledQuery: the built query does not use {name} as a lookup value")
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select[: compiler.col_count]])
        lists = {
            names.index(name): annotation.query.model
            for name, annotation in query.annotation_select.items()
            if isinstance(annotation, RelatedRows)
        }
        self._compiled = compiler, sql, list(params), slots, names, converters, lists
        return self._compiled

    def __call__(self, **values):
        compiler, sql, params, slots, names, converters, lists = self._compiled or self._compile()
        if values.keys() != slots.keys():
            raise TypeError(f"CompiledQuery takes {', '.join(slots)}, got {', '.join(values) or 'nothing'}")
        params = params.copy()
        for name, value in values.items():
            for i in slots[name]:
                params[i] = value
        # Read where the ORM would: a visitor's request may read from a replica (apps.core.db_router).
        with connections[router.db_for_read(compiler.query.model)].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        results = []
        for row in rows:
            row = list(row)
            for i, model in lists.items():
                row[i] = [from_json(model, item) for item in row[i]]
            results.append(dict(zip(names, row, strict=True)))
        return results


def detail_pages(build):
    """The CompiledQuery pair of a detail page (apps.core.views.CompiledDetailMixin): build(slug, now,
    preview) with preview False, for visitors, and True, for editors who may see unpublished records."""
    return tuple(CompiledQuery(partial(build, preview=preview), slug=str, now=datetime) for preview in (False, True))


class RelatedRows(ArraySubquery):
    """See related_rows()."""


def related_rows(queryset, *fields):
    """A column holding, for each row of the outer query, `fields` of the rows of `queryset` (filtered
    with OuterRef) in its order. A CompiledQuery returns them as instances of the queryset's model;
    a field across a foreign key, "designation_type__name", fills in that related instance."""
    return RelatedRows(queryset.values(row=JSONObject(**{field: field for field in fields})))


def from_json(model, row):
    """An instance of `model` made of a dict, as .values() or JSON gives it.

    Values are converted to their fields' types; "parent__name" keys make the related instance of
    that foreign key (None when its "parent__id" is null); keys that are no field of the model are
    set as attributes; fields missing from the dict are deferred, as with only().
    """
    values, related, attributes = {}, {}, {}
    for key, value in row.items():
        name, _, rest = key.partition("__")
        if rest:
            related.setdefault(name, {})[rest] = value
            continue
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            attributes[key] = value
            continue
        values[field.attname] = value if value is None else field.to_python(value)
    objects = {}
    for name, fields in related.items():
        field = model._meta.get_field(name)
        objects[field] = None if fields.get("id") is None else from_json(field.related_model, fields)
        values.setdefault(field.attname, objects[field] and objects[field].pk)
    concrete = model._meta.concrete_fields
    instance = model.from_db(
        None, [f.attname for f in concrete if f.attname in values], [values.get(f.attname, DEFERRED) for f in concrete]
    )
    for field, value in objects.items():
        field.set_cached_value(instance, value)
    for key, value in attributes.items():
        setattr(instance, key, value)
    return instance
