"""Running a search: one ranked SQL query for a page of results, one for the counts per kind,
and highlighted snippets made in Python from the rows of that page."""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import segmentation
from .models import SearchDocument

Kind = SearchDocument.Kind
KINDS = [kind for kind, _ in Kind.choices]

# ts_rank_cd weights for {D, C, B, A}: title pairs, body, keywords, title.
WEIGHTS = [0.05, 0.2, 0.5, 1.0]
# 1: divide by 1 + log(document length); 32: then scale to rank / (rank + 1), below 1. A long article
# does not win by repeating a word, and the boosts below keep their meaning.
NORMALIZATION = 1 | 32
EXACT_TITLE_BOOST = 3.0
TITLE_CONTAINS_BOOST = 1.0
PINYIN_FULL_BOOST = 3.0
PINYIN_INITIALS_BOOST = 2.0
PINYIN_PREFIX_BOOST = 1.0
# Patients mostly look for a department or a doctor: at equal relevance these come first. Kept smaller
# than the gap between a keyword match and a mere mention in a text.
KIND_BOOST = {Kind.DEPARTMENT: 0.06, Kind.EXPERT: 0.04, Kind.EQUIPMENT: 0.02, Kind.NEWS: 0.0}
# How many of the matches, picked by the cheap score, get the full ranking.
CANDIDATES = 100
SNIPPET_CHARS = 120
SNIPPET_LEAD = 30


@dataclass
class ParsedQuery:
    text: str
    words: list
    pinyin: str | None
    match_all: bool = True

    @property
    def is_searchable(self):
        return bool(self.words or self.pinyin)

    def tsquery(self, whole_words=False):
        raw = segmentation.tsquery(self.words, match_all=self.match_all, whole_words=whole_words)
        return SearchQuery(raw, search_type="raw", config="simple") if raw else None

    @property
    def has_alternatives(self):
        return any(alternatives for _, alternatives in self.words)

    def highlight_terms(self):
        return segmentation.highlight_terms(self.words)


def parse(text):
    text = segmentation.normalize(text)
    return ParsedQuery(text=text, words=segmentation.query_words(text), pinyin=segmentation.pinyin_query(text))


def _rank(vector, tsquery, cover_density=True):
    return SearchRank(F(vector), tsquery, weights=WEIGHTS, cover_density=cover_density, normalization=NORMALIZATION)


def _match(parsed):
    """(condition, full score, cheap score) for the query.

    The full score ranks with ts_rank_cd on the whole weighted vector; the cheap score (ts_rank on the
    small title-and-keywords vector, which sits in the row) picks the candidates worth the full ranking.
    """
    condition = Q(pk__in=[])
    rank = head_rank = Value(0.0, output_field=FloatField())
    tsquery = parsed.tsquery()
    if tsquery is not None:
        condition |= Q(search_vector=tsquery)
        # Matching on a word's parts keeps records findable; whole words count again, so they rank first.
        rank = _rank("search_vector", tsquery)
        if parsed.has_alternatives:
            rank += _rank("search_vector", parsed.tsquery(whole_words=True))
        else:
            rank *= Value(2.0)  # the same query twice: no need to rank it twice
        # Picking candidates among thousands of matches: plain ts_rank, once, costs a third of the above.
        head_rank = _rank("head_vector", tsquery, cover_density=False)
    boosts = [
        When(title__iexact=parsed.text, then=Value(EXACT_TITLE_BOOST)),
        When(title__icontains=parsed.text, then=Value(TITLE_CONTAINS_BOOST)),
    ]
    if parsed.pinyin:
        pinyin = Q(pinyin_full=parsed.pinyin) | Q(pinyin_initials=parsed.pinyin)
        if len(parsed.pinyin) >= 4:
            pinyin |= Q(pinyin_full__startswith=parsed.pinyin)
        condition |= pinyin
        boosts = [
            When(pinyin_full=parsed.pinyin, then=Value(PINYIN_FULL_BOOST)),
            When(pinyin_initials=parsed.pinyin, then=Value(PINYIN_INITIALS_BOOST)),
            When(pinyin_full__startswith=parsed.pinyin, then=Value(PINYIN_PREFIX_BOOST)),
            *boosts,
        ]
    title_boost = Case(*boosts, default=Value(0.0), output_field=FloatField())
    kind_boost = Case(
        *(When(kind=kind, then=Value(boost)) for kind, boost in KIND_BOOST.items()),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return condition, rank + title_boost + kind_boost, head_rank + title_boost + kind_boost


_state = threading.local()


@contextmanager
def index_scans():
    """Runs the queries inside with PostgreSQL's GIN index even for a word most records contain.

    For such a word the planner prefers reading the whole table, and then unpacks every record's
    large vector; the index answers the same question without touching them (35 ms instead of 300
    for 20 000 articles). SET LOCAL lasts until the end of this transaction only.
    """
    if getattr(_state, "index_scans", False):
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        _state.index_scans = True
        try:
            yield
        finally:
            _state.index_scans = False


def count_by_kind(parsed):
    """{kind: number of matches} in one query."""
    condition, _, _ = _match(parsed)
    rows = SearchDocument.objects.visible().filter(condition).values("kind").annotate(n=Count("id")).order_by()
    counts = dict.fromkeys(KINDS, 0)
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts


class Results:
    """The matches of one kind (or all), best first, sliced lazily: a Paginator reads `count()` and one slice.

    The best CANDIDATES by the cheap score are ranked by the full score; beyond them (deep pages of a
    very common word) the cheap order stands. A page is one query either way.
    """

    def __init__(self, parsed, kind, total):
        self.parsed = parsed
        self.kind = kind
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, page):
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("Results supports page slices only")
        start, stop = page.start or 0, min(page.stop if page.stop is not None else self.total, self.total)
        if not self.total or start >= stop:
            return []
        condition, score, cheap_score = _match(self.parsed)
        matches = SearchDocument.objects.visible().filter(condition)
        if self.kind:
            matches = matches.filter(kind=self.kind)
        cheap_order = ("-score", F("publish_at").desc(nulls_last=True), "pk")
        if stop <= CANDIDATES:
            candidates = matches.annotate(score=cheap_score).order_by(*cheap_order).values("pk")[:CANDIDATES]
            rows = SearchDocument.objects.filter(pk__in=candidates).annotate(score=score)
            order = ("-score", F("publish_at").desc(nulls_last=True), "pk")
        else:
            rows, order = matches.annotate(score=cheap_score), cheap_order
        rows = rows.only("kind", "title", "url", "summary", "body", "publish_at").order_by(*order)[start:stop]
        terms = self.parsed.highlight_terms()
        with index_scans():
            return [Hit.from_document(row, terms) for row in rows]


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    title_html: str
    snippet_html: str
    publish_at: object = None
    score: float = 0.0
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_document(cls, document, terms):
        return cls(
            kind=document.kind,
            kind_label=document.get_kind_display(),
            title=document.title,
            url=document.url,
            title_html=highlight(document.title, terms),
            snippet_html=snippet(document, terms),
            publish_at=document.publish_at if document.kind == Kind.NEWS else None,
            score=document.score,
        )


def _pattern(terms):
    if not terms:
        return None
    # Adjacent terms (测试 + 胸痛) make one mark.
    return re.compile("(?:" + "|".join(re.escape(term) for term in terms) + ")+", re.IGNORECASE)


def highlight(text, terms):
    """`text` with every term wrapped in <mark>; everything else escaped."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    parts = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def snippet(document, terms):
    """A short passage around the first matched term of the record's text, highlighted.

    When the text does not contain a term (a match on the name's pinyin), the summary stands in.
    """
    text = " ".join(document.body.split())
    pattern = _pattern(terms)
    found = pattern.search(text) if pattern else None
    if not found:
        return highlight(document.summary or text[:SNIPPET_CHARS], terms)
    start = max(0, found.start() - SNIPPET_LEAD)
    end = min(len(text), start + SNIPPET_CHARS)
    passage = text[start:end]
    return mark_safe(  # noqa: S308 - highlight() escapes the text
        ("…" if start > 0 else "") + highlight(passage, terms) + ("…" if end < len(text) else "")
    )


@dataclass
class Outcome:
    """One page of a search: the parsed query, counts per kind, and the page of hits."""

    parsed: ParsedQuery
    counts: dict
    paginator: Paginator
    page: object
    page_clamped: bool = False

    @property
    def total(self):
        return sum(self.counts.values())


def search(text, kind=None, page=1, per_page=10):
    """Page `page` of the matches of `text` (of one kind, or all), with the counts per kind.

    Every word must match; when no record has them all, records with any of them are shown
    (`parsed.match_all` is False then). Three statements: the planner setting, the counts and the
    page (one more when falling back), and one more for the first search of a process.
    A page past the last gives the last page (`page_clamped`).
    """
    # Once per process: the hospital's terms, so that the query is cut the way the index was.
    segmentation.load_database_terms()
    parsed = parse(text)
    counts = dict.fromkeys(KINDS, 0)
    with index_scans():
        if parsed.is_searchable:
            counts = count_by_kind(parsed)
            if not any(counts.values()) and len(parsed.words) > 1:
                parsed.match_all = False
                counts = count_by_kind(parsed)
        total = counts[kind] if kind else sum(counts.values())
        paginator = Paginator(Results(parsed, kind, total), per_page)
        number = min(max(page, 1), paginator.num_pages)
        page_obj = paginator.page(number)
    return Outcome(parsed, counts, paginator, page_obj, page_clamped=number != page)
