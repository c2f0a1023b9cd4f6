"""What each kind of record puts into the search index, and the functions that write the index.

`build_documents(objs)` turns records into unsaved SearchDocument rows; `index_objects(queryset)`
indexes a whole queryset in batches (the rebuild command and data generators call it);
`remove_objects(model, pks)` drops rows. Records whose related data is needed are fetched with it
(`prepare`), so that indexing costs a fixed number of queries per batch.
"""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db.models import Prefetch, Value

from apps.core.richtext import plain_text
from apps.core.slugs import pinyin_full, pinyin_initials
from apps.departments.models import Centre, Condition, Department, Designation
from apps.equipment.models import Equipment
from apps.experts.models import Expert, Workstation
from apps.media.models import Attachment
from apps.news.models import Article

from . import segmentation
from .models import SearchDocument

Kind = SearchDocument.Kind

# Very long articles are indexed on their first part: enough to find them, and it keeps rebuilds fast.
MAX_BODY_CHARS = 20_000
SUMMARY_CHARS = 160
BATCH_SIZE = 500
HEAD_KEYWORD_TOKENS = 120
# A department's names, its conditions and the symptoms that point to it (急诊医学科 has many): all kept,
# since a query that is one of them ranks the record first.
MAX_TERMS = 200


@dataclass
class Source:
    """The text of one record, before segmentation."""

    kind: str
    title: str
    url: str
    names: list = field(default_factory=list)  # weight A besides the title: other names of the same thing
    keywords: list = field(default_factory=list)  # weight B: specialties, conditions, roles, departments
    body: list = field(default_factory=list)  # weight C: introductions, biographies, article bodies
    # The record's text as its page shows it, one passage a line, for the snippets: never the keyword lists.
    text: list = field(default_factory=list)
    summary: str = ""
    terms: list = field(default_factory=list)  # hospital terms jieba must keep whole
    pinyin_name: str = ""
    published: bool = True
    publish_at: object = None


def _lines(*values):
    return [str(value).strip() for value in values if value and str(value).strip()]


def publishable_state(obj):
    """Visible now or later: the publishing rule of apps.core (is_live / is_scheduled), and the time."""
    return obj.is_live or obj.is_scheduled, obj.published_at


def _listed(label, items):
    """A list shown under a heading, as one sentence for a snippet: 特色技术：神经导航、内镜下治疗脑出血。"""
    items = [str(item).strip() for item in items if item and str(item).strip()]
    return f"{label}：{'、'.join(items)}。" if items else ""


def _symptom_advice(symptom):
    """The guide's advice for a symptom, as a sentence (general guidance, said so)."""
    said = f"{symptom.name}（也称{'、'.join(symptom.synonym_list)}）" if symptom.synonym_list else symptom.name
    if symptom.is_red_flag:
        return f"通用导诊建议：{said}，{symptom.urgent_advice}。"
    return f"通用导诊建议：{said}，可到本科室就诊。"


def _shorten(text, length=SUMMARY_CHARS):
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- departments -------------------------------------------------------------------------------


def _prepare_departments(queryset):
    return queryset.select_related("parent").prefetch_related(
        "campuses",
        Prefetch("conditions", queryset=Condition.objects.only("id", "name", "aliases")),
        Prefetch("centres", queryset=Centre.objects.filter(is_visible=True).only("id", "name")),
        Prefetch("designations", queryset=Designation.objects.select_related("designation_type")),
        Prefetch("experts", queryset=Expert.objects.active().only("id", "name", "specialties", "roles")),
        Prefetch("expert_workstations", queryset=Workstation.objects.filter(is_active=True).only("id", "name")),
        # The 导诊 symptoms that point here (apps.pages), read through the relation: search does not import pages.
        "symptoms",
    )


def _describe_department(department):
    conditions = list(department.conditions.all())
    condition_names = [name for condition in conditions for name in (condition.name, *condition.alias_list)]
    symptoms = list(department.symptoms.all())
    symptom_words = [word for symptom in symptoms for word in symptom.terms]
    experts = list(department.experts.all())
    return Source(
        kind=Kind.DEPARTMENT,
        title=department.name,
        url=department.get_absolute_url(),
        names=department.alias_list,
        keywords=_lines(
            department.summary,
            department.specialties,
            department.featured_techniques,
            # The conditions it treats: 胸痛 finds 胸痛中心, 脑出血 finds 神经外科.
            " ".join(condition_names),
            # Everyday words for what brings patients here (头痛, 心慌): the guide's symptom table.
            " ".join(symptom_words),
            " ".join(centre.name for centre in department.centres.all()),
            department.parent.name if department.parent_id and department.parent else "",
            department.get_kind_display(),
        ),
        body=_lines(
            plain_text(department.introduction),
            *(
                f"{designation.designation_type.name} {designation.name}"
                for designation in department.designations.all()
            ),
            department.location,
            " ".join(campus.name for campus in department.campuses.all()),
            " ".join(workstation.name for workstation in department.expert_workstations.all()),
            # A department's page lists its experts: their names and what they treat find the department too.
            " ".join(expert.name for expert in experts),
            *(expert.specialties for expert in experts),
        ),
        text=_lines(
            _listed("又称", department.alias_list),
            department.summary,
            plain_text(department.introduction),
            _listed("诊疗专长与特色技术", [*department.specialty_list, *department.technique_list]),
            _listed(
                "常见就诊病症",
                (
                    f"{condition.name}（又称{'、'.join(condition.alias_list)}）"
                    if condition.alias_list
                    else condition.name
                    for condition in conditions
                ),
            ),
            _listed("专家团队", (expert.name for expert in experts)),
            _listed("所在院区", (campus.name for campus in department.campuses.all())),
            department.location,
            *(_symptom_advice(symptom) for symptom in sorted(symptoms, key=lambda symptom: symptom.is_red_flag)),
        ),
        summary=department.summary or plain_text(department.introduction),
        terms=[department.name, *department.alias_list, *condition_names, *symptom_words],
        pinyin_name=department.name,
        published=department.is_visible,
    )


# --- experts and their workstations --------------------------------------------------------------


def _prepare_experts(queryset):
    return queryset.select_related("primary_department").prefetch_related(
        Prefetch("departments", queryset=Department.objects.only("id", "name")),
        Prefetch("led_workstations", queryset=Workstation.objects.filter(is_active=True).only("id", "name")),
        "primary_department__symptoms",
        "departments__symptoms",
    )


def _expert_departments(expert):
    names = [expert.primary_department.name] if expert.primary_department_id and expert.primary_department else []
    names.extend(department.name for department in expert.departments.all() if department.name not in names)
    return names


def _everyday_symptoms(expert):
    """{department name: [its everyday symptoms]}: 头痛 finds the people of 神经内科 too (red flags go to 急诊)."""
    departments = [expert.primary_department] if expert.primary_department_id and expert.primary_department else []
    departments += [department for department in expert.departments.all() if department not in departments]
    named = {}
    for department in departments:
        symptoms = [symptom for symptom in department.symptoms.all() if not symptom.is_red_flag]
        if symptoms:
            named[department.name] = symptoms
    return named


def _describe_expert(expert):
    departments = _expert_departments(expert)
    symptoms = _everyday_symptoms(expert)
    title_line = " · ".join(_lines(expert.get_clinical_title_display(), expert.academic_title))
    return Source(
        kind=Kind.EXPERT,
        title=expert.name,
        url=expert.get_absolute_url(),
        keywords=_lines(
            expert.specialties,
            expert.roles,
            title_line,
            " ".join(departments),
            " ".join(workstation.name for workstation in expert.led_workstations.all()),
        ),
        body=_lines(
            plain_text(expert.biography),
            expert.education,
            expert.academic_posts,
            expert.honours,
            expert.degree,
            " ".join(word for named in symptoms.values() for symptom in named for word in symptom.terms),
        ),
        text=_lines(
            " · ".join(_lines(title_line, expert.roles)),
            _listed("科室", departments),
            _listed("擅长", [expert.specialties]),
            plain_text(expert.biography),
            expert.education,
            expert.academic_posts,
            expert.honours,
            _listed("工作室与团队", (workstation.name for workstation in expert.led_workstations.all())),
            *(
                f"通用导诊建议：{'、'.join(symptom.name for symptom in named)}可到{department}就诊。"
                for department, named in symptoms.items()
            ),
        ),
        summary=" · ".join(_lines(title_line, expert.roles or " ".join(departments))),
        terms=[expert.name],
        pinyin_name=expert.name,
        published=expert.is_active,
    )


def _prepare_workstations(queryset):
    return queryset.select_related("lead_expert", "department").prefetch_related(
        Prefetch("department__conditions", queryset=Condition.objects.only("id", "name", "aliases"))
    )


def _describe_workstation(workstation):
    lead = workstation.lead_expert
    department = workstation.department
    return Source(
        kind=Kind.EXPERT,
        title=workstation.name,
        url=workstation.get_absolute_url(),
        keywords=_lines(
            workstation.get_kind_display(),
            lead.name if lead else "",
            lead.specialties if lead else "",
            department.name if department else "",
        ),
        body=_lines(
            workstation.description,
            # It sees the patients of its department: what the department treats finds it too.
            department.featured_techniques if department else "",
            " ".join(
                name
                for condition in (department.conditions.all() if department else ())
                for name in (condition.name, *condition.alias_list)
            ),
        ),
        text=_lines(
            workstation.description,
            _listed("负责专家", [lead.name if lead else ""]),
            _listed("所在科室", [department.name if department else ""]),
        ),
        summary=workstation.description or " · ".join(_lines(workstation.get_kind_display(), lead and lead.name)),
        terms=[workstation.name],
        pinyin_name=workstation.name,
        published=workstation.is_active,
    )


# --- equipment -----------------------------------------------------------------------------------


def _prepare_equipment(queryset):
    return queryset.select_related("category", "campus").prefetch_related(
        Prefetch("departments", queryset=Department.objects.only("id", "name"))
    )


def _describe_equipment(equipment):
    published, publish_at = publishable_state(equipment)
    return Source(
        kind=Kind.EQUIPMENT,
        title=equipment.name,
        url=equipment.get_absolute_url(),
        names=equipment.other_name_list,
        keywords=_lines(
            equipment.category.name,
            equipment.manufacturer,
            equipment.model_number,
            " ".join(department.name for department in equipment.departments.all()),
        ),
        body=_lines(
            plain_text(equipment.description),
            equipment.acquisition_note,
            equipment.campus.name if equipment.campus_id and equipment.campus else "",
        ),
        text=_lines(
            _listed("又称", equipment.other_name_list),
            plain_text(equipment.description),
            equipment.acquisition_note,
            _listed("使用科室", (department.name for department in equipment.departments.all())),
            _listed("所在院区", [equipment.campus.name if equipment.campus_id and equipment.campus else ""]),
        ),
        summary=plain_text(equipment.description)
        or " · ".join(_lines(equipment.category.name, equipment.manufacturer, equipment.acquisition_note)),
        terms=[equipment.name, *equipment.other_name_list],
        published=published,
        publish_at=publish_at,
    )


# --- news ----------------------------------------------------------------------------------------


def _prepare_articles(queryset):
    return queryset.select_related("category").prefetch_related(
        Prefetch("departments", queryset=Department.objects.only("id", "name")),
        Prefetch("experts", queryset=Expert.objects.only("id", "name")),
        "images",
        Prefetch("attachments", queryset=Attachment.objects.only("id", "title", "content_type_id", "object_id")),
    )


def _describe_article(article):
    published, publish_at = publishable_state(article)
    body = plain_text(article.body)
    return Source(
        kind=Kind.NEWS,
        title=article.title,
        url=article.get_absolute_url(),
        names=_lines(article.subtitle.strip("—- ")),
        keywords=_lines(
            article.summary,
            article.category.name,
            " ".join(department.name for department in article.departments.all()),
            " ".join(expert.name for expert in article.experts.all()),
        ),
        body=_lines(
            body[:MAX_BODY_CHARS],
            article.cover_caption,
            *(image.caption for image in article.images.all()),
            # A notice's files are found by their names: 招聘公告 finds the article that offers it.
            *(attachment.title for attachment in article.attachments.all()),
            " ".join(article.byline_parts()),
            article.source,
        ),
        text=_lines(
            article.subtitle,
            article.summary,
            body[:MAX_BODY_CHARS],
            article.cover_caption,
            *(image.caption for image in article.images.all()),
        ),
        summary=article.summary or body,
        published=published,
        publish_at=publish_at,
    )


@dataclass(frozen=True)
class Indexed:
    """How one model is indexed."""

    model: type
    prepare: object
    describe: object


INDEXED = [
    Indexed(Department, _prepare_departments, _describe_department),
    Indexed(Equipment, _prepare_equipment, _describe_equipment),
    Indexed(Expert, _prepare_experts, _describe_expert),
    Indexed(Workstation, _prepare_workstations, _describe_workstation),
    Indexed(Article, _prepare_articles, _describe_article),
]
_BY_MODEL = {entry.model: entry for entry in INDEXED}


def register(entry):
    """Indexes one more model, from the app that owns it: apps that import search (pages) add their records here."""
    if entry.model not in _BY_MODEL:
        INDEXED.append(entry)
        _BY_MODEL[entry.model] = entry


def indexed_models():
    """The indexed models, in the order a rebuild goes: names others mention come first."""
    return [entry.model for entry in INDEXED]


def _entry(model):
    try:
        return _BY_MODEL[model._meta.concrete_model]
    except KeyError:
        raise ValueError(f"{model._meta.label} is not indexed for search") from None


# --- writing the index ---------------------------------------------------------------------------


def _tokens(texts):
    return " ".join(token for text in texts for token in segmentation.index_tokens(text))


def _weighted(*parts):
    """setweight(to_tsvector('simple', tokens), weight) || … from (tokens, weight) pairs.

    The tokens are lexemes jieba already cut, space-joined: the 'simple' configuration keeps them as they are.
    """
    vectors = [SearchVector(Value(tokens), config="simple", weight=weight) for tokens, weight in parts]
    return reduce(operator.add, vectors)


def _vector(title_tokens, keyword_tokens, body_tokens, pair_tokens):
    """Title A, keywords B, body C, title character pairs D."""
    return _weighted((title_tokens, "A"), (keyword_tokens, "B"), (body_tokens, "C"), (pair_tokens, "D"))


def _head_vector(title_tokens, keyword_tokens, pair_tokens):
    """The same without the body, and keywords cut short: it must stay small."""
    keywords = " ".join(keyword_tokens.split()[:HEAD_KEYWORD_TOKENS])
    return _weighted((title_tokens, "A"), (keywords, "B"), (pair_tokens, "D"))


def segment(texts):
    """(title, keywords, body) texts -> the space-joined lexemes of each weight, and the title's pairs.

    A plain function of strings, so that a rebuild can run it in worker processes.
    """
    title_texts, keywords, body = texts
    return (
        _tokens(title_texts),
        _tokens(keywords),
        _tokens([body]),
        " ".join(pair for text in title_texts for pair in segmentation.bigrams(text)),
    )


def build_documents(objs, pool=None):
    """Unsaved SearchDocument rows for records of the indexed models (fetched with `prepare` for speed).

    With a multiprocessing `pool`, the segmentation (nearly all of the work) is spread over its workers.
    """
    described, texts = _describe(objs)
    if not described:
        return []
    return _documents(described, pool.map(segment, texts, chunksize=8) if pool else map(segment, texts))


def _describe(objs):
    """[(record, Source)] and the texts to segment for each."""
    segmentation.load_database_terms()
    described = [(obj, _entry(type(obj)).describe(obj)) for obj in objs]
    segmentation.add_terms(term for _, source in described for term in source.terms)
    texts = [([source.title, *source.names], source.keywords, "\n".join(source.body)) for _, source in described]
    return described, texts


def _documents(described, segmented):
    content_types = ContentType.objects.get_for_models(*{type(obj) for obj, _ in described})
    documents = []
    for (obj, source), tokens in zip(described, segmented, strict=True):
        documents.append(
            SearchDocument(
                content_type=content_types[type(obj)],
                object_id=obj.pk,
                kind=source.kind,
                title=source.title[:300],
                url=source.url[:300],
                summary=_shorten(source.summary) if source.summary else "",
                body="\n".join(source.text),
                search_vector=_vector(*tokens),
                head_vector=_head_vector(tokens[0], tokens[1], tokens[3]),
                terms=sorted({segmentation.normalize(term) for term in source.terms if term})[:MAX_TERMS],
                pinyin_full=pinyin_full(source.pinyin_name)[:200] if source.pinyin_name else "",
                pinyin_initials=pinyin_initials(source.pinyin_name)[:50] if source.pinyin_name else "",
                published=bool(source.published),
                publish_at=source.publish_at,
            )
        )
    return documents


def save_documents(documents):
    """Inserts or replaces the rows of `documents` (one statement)."""
    if not documents:
        return 0
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=[
            "kind",
            "title",
            "url",
            "summary",
            "body",
            "search_vector",
            "head_vector",
            "terms",
            "pinyin_full",
            "pinyin_initials",
            "published",
            "publish_at",
            "updated_at",
        ],
    )
    return len(documents)


def index_objects(queryset, batch_size=BATCH_SIZE, pool=None):
    """Indexes every record of `queryset` (one indexed model), in batches; returns how many.

    With a `pool`, the workers cut one batch while this process writes the one before.
    """
    prepared = _entry(queryset.model).prepare(queryset.order_by("pk"))
    count = 0
    pending = None
    for batch in _batches(prepared.iterator(chunk_size=batch_size), batch_size):
        described, texts = _describe(batch)
        if pool is None:
            count += save_documents(_documents(described, map(segment, texts)))
            continue
        segmenting = pool.map_async(segment, texts, chunksize=8)
        if pending:
            count += save_documents(_documents(pending[0], pending[1].get()))
        pending = (described, segmenting)
    if pending:
        count += save_documents(_documents(pending[0], pending[1].get()))
    return count


def _batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def remove_objects(model, pks):
    content_type = ContentType.objects.get_for_model(model)
    SearchDocument.objects.filter(content_type=content_type, object_id__in=list(pks)).delete()


def hospital_terms():
    """The hospital's own names, in a few queries: departments, conditions, symptoms, workstations, devices, experts."""
    terms = []
    for name, aliases in Department.objects.values_list("name", "aliases"):
        terms += [name, *aliases.splitlines()]
    for name, aliases in Condition.objects.values_list("name", "aliases"):
        terms += [name, *aliases.splitlines()]
    # The guide's symptoms (apps.pages), through the departments they point to.
    for name, synonyms in Department.objects.filter(symptoms__isnull=False).values_list(
        "symptoms__name", "symptoms__synonyms"
    ):
        terms += [name, *synonyms.splitlines()]
    terms += Workstation.objects.values_list("name", flat=True)
    for name, other_names in Equipment.objects.values_list("name", "other_names"):
        terms.append(name)
        terms += other_names.replace(",", "、").split("、")
    terms += Expert.objects.values_list("name", flat=True)
    return [term.strip() for term in terms if term and term.strip()]
