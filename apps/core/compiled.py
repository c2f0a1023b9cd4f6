"""A page's read as one SQL statement, built by the ORM once per process and run with each request's values.

Turning a queryset into SQL is Python work that grows with what the query reads. For a page that
shows a record with eight related lists it took three times as long as PostgreSQL took to answer
(about 9 ms of building and compiling against 0.6 ms of database time, docs/performance.md). That
SQL depends only on the code, never on the request: so a CompiledQuery builds its queryset once,
from placeholders, and each call only puts the request's values in their places. With prepared
statements on (settings), PostgreSQL also plans it once per connection.

The strings the code put in the query (the keys of JSON rows, choice values) go into its SQL as
literals, so that only the request's values are parameters. psycopg converts the placeholders of
a statement with more than 50 parameters or 4 KB of SQL afresh on every run, and its parameters are
what that costs: an expert's page, 96 of whose 102 parameters were JSON keys, spent half a
millisecond a request on it, and spends 40 µs with 6.

Related lists are read in the same statement, as JSON (`related_rows()`), and come back as model
instances (`from_json()`), so that templates and model methods work as they do on querysets.
"""

import re
from datetime import UTC, date, datetime, timedelta
from functools import partial

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import DEFERRED, ForeignObjectRel, Model
from django.db.models.functions import JSONObject
from psycopg import sql as pg_sql


def _placeholder(name, kind, number):
    """A value that no request sends, to stand for `name` while the query is built."""
    if kind is str:
        return f"\ue000{name}\ue000"
    if kind is datetime:
        return datetime(2000, 1, 1, tzinfo=UTC) + timedelta(microseconds=number + 1)
    if kind is date:
        return date(1000, 1, 1) + timedelta(days=number + 1)
    raise ImproperlyConfigured(f"CompiledQuery: {name} must be a str, a datetime or a date, not {kind.__name__}")


def _strings_inlined(sql, params, placeholders):
    """(sql, params) with each string parameter not in `placeholders` (a set) written into the SQL as a literal.

    Django's SQL marks parameters with %s and a percent sign with %%, which a literal's own percent
    signs become. A str subclass (a TextChoices member) is written as the string it is.
    """
    pieces, kept = [], []
    values = iter(params)
    for piece in re.split(r"(%%|%s)", sql):
        if piece == "%s":
            value = next(values)
            if isinstance(value, str) and value not in placeholders:
                literal = pg_sql.Literal(str.__str__(value)).as_string()
                pieces.append(literal.replace("%", "%%"))
                continue
            kept.append(value)
        pieces.append(piece)
    return "".join(pieces), kept


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
        sql, params = _strings_inlined(sql, params, {p for p in placeholders.values() if isinstance(p, str)})
        slots = {}
        for name, placeholder in placeholders.items():
            slots[name] = [
                i for i, param in enumerate(params) if type(param) is type(placeholder) and param == placeholder
            ]
            if not slots[name]:
                raise ImproperlyConfigured(f"CompiledQuery: the built query does not use {name} as a lookup value")
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select[: compiler.col_count]])
        lists = {}
        for name, annotation in query.annotation_select.items():
            if isinstance(annotation, RelatedRows):
                lists[names.index(name)] = annotation.query.model
                names[names.index(name)] = annotation.into or name
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


def detail_pages(build, **kinds):
    """The CompiledQuery pair of a detail page (apps.core.views.CompiledDetailMixin): build(slug, now,
    preview, **values) with preview False, for visitors, and True, for editors who may see unpublished
    records. `kinds` are the types of the view's page_values(), beside the slug and the time."""

    def one_record(preview, **values):
        return build(preview=preview, **values).order_by()  # as get() does: no sort for one row

    return tuple(
        CompiledQuery(partial(one_record, preview), slug=str, now=datetime, **kinds) for preview in (False, True)
    )


def fields_of(model, prefix=""):
    """The names of every column of `model`, for values() or related_rows(); prefix: "campus__" for a related one."""
    return [prefix + field.attname for field in model._meta.concrete_fields]


class RelatedRows(ArraySubquery):
    """See related_rows()."""

    def __init__(self, queryset, into=None, **kwargs):
        super().__init__(queryset, **kwargs)
        self.into = into


def related_rows(queryset, *fields, into=None, **lists):
    """A column holding, for each row of the outer query, `fields` of the rows of `queryset` (filtered
    with OuterRef) in its order. A CompiledQuery returns them as instances of the queryset's model.

    A field across a foreign key, "campus__name", fills in that related instance. `lists` are
    related_rows() of the rows' own relations, named after them ("expert__weekly_sessions" reads the
    weekly sessions of each row's expert). `into` names the relation of the outer record the rows
    belong to, which from_json() fills as prefetch_related() would: record.<into>.all() runs no query.
    An annotation cannot take the name of a relation, hence `into`.
    """
    return RelatedRows(queryset.values(row=JSONObject(**{field: field for field in fields}, **lists)), into=into)


def from_json(model, row):
    """An instance of `model` made of a dict, as .values() or JSON gives it.

    Values are converted to their fields' types; "parent__name" keys make the related instance of
    that foreign key (None when its "parent__id" is null); a list under the name of a to-many
    relation is put where prefetch_related() would put it; keys that are no field of the model are
    set as attributes; fields missing from the dict are deferred, as with only().
    """
    values, related, prefetched, attributes = {}, {}, {}, {}
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
        if field.one_to_many or field.many_to_many:
            prefetched[field] = [
                item if isinstance(item, Model) else from_json(field.related_model, item) for item in value
            ]
        else:
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
    for field, objects in prefetched.items():
        _prefetch(instance, field, objects)
    for key, value in attributes.items():
        setattr(instance, key, value)
    return instance


def _prefetch(instance, field, objects):
    """Keep `objects` as the contents of instance.<field>.all(), as prefetch_related() does."""
    if field.one_to_many:  # each object's foreign key leads back to the instance without a query
        for item in objects:
            field.field.set_cached_value(item, instance)
    manager = getattr(instance, field.get_accessor_name() if isinstance(field, ForeignObjectRel) else field.name)
    queryset = manager.get_queryset()
    queryset._result_cache, queryset._prefetch_done = objects, True
    # A many-to-many manager names its cache; a reverse foreign key's is the relation's cache name.
    cache_name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset
