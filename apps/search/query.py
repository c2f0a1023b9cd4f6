"""Running a search: one SQL query for the counts per kind, one for a page of results, and
highlighted snippets made in Python from the rows of that page.

Neither query reads every match of a common word (医院 is in nearly all of 20 000 news): the counts
stop at COUNT_LIMIT per kind, and the page is ranked among a bounded pool of candidates per kind.
"""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.utils import timezone
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
# Matches are counted up to this many per kind; beyond it the page says "1000+".
COUNT_LIMIT = 1000
# Results a visitor can page through, per list (all kinds, or one): the matches of each kind taken
# into the pool of candidates are at most this many.
MAX_RESULTS = 200
# The newest news matching in the title or keywords join the pool: for a word in thousands of news,
# the others are a sample in no particular order.
RECENT_NEWS = 50
# How many of the pool, picked by the cheap score, get the full ranking (the first pages).
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
        """The to_tsquery('simple', …) text, or None."""
        return segmentation.tsquery(self.words, match_all=self.match_all, whole_words=whole_words)

    @property
    def has_alternatives(self):
        return any(alternatives for _, alternatives in self.words)

    def highlight_terms(self):
        return segmentation.highlight_terms(self.words)


def parse(text):
    text = segmentation.normalize(text)
    return ParsedQuery(text=text, words=segmentation.query_words(text), pinyin=segmentation.pinyin_query(text))


@dataclass
class Match:
    """The query as SQL fragments on the index table, each (sql, params).

    `where`: visible records that match (vector or pinyin); `head_where`: visible records that match
    in the title and keywords, None for a query of pinyin alone. `score` ranks with ts_rank_cd on
    the whole weighted vector. `head_score` is the cheap score: plain ts_rank on the small title and
    keywords vector, which sits in the row. `boost` is what both add (exact title, title containing
    the query, pinyin, kind): the cheap score of a match anywhere else.
    """

    where: tuple
    head_where: tuple | None
    score: tuple
    head_score: tuple
    boost: tuple


# The tuning constants at the top of this module go into the SQL as literals, and only what the visitor typed
# is a parameter: a page's statement then has few enough parameters (psycopg converts a statement
# once and keeps it when it has at most 50) and PostgreSQL fewer to bind.


def _float(value):
    """A float8 literal: what a float parameter was, so that scores keep their type and order."""
    return f"{float(value)!r}::float8"


def _kind(kind):
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return f"'{kind}'"


def _rank(function, vector, tsquery):
    weights = ",".join(repr(float(weight)) for weight in WEIGHTS)
    sql = f"{function}('{{{weights}}}'::float4[], {vector}, to_tsquery('simple', %s), {int(NORMALIZATION)})"
    return sql, [tsquery]


def _case(whens):
    """CASE WHEN condition THEN value … ELSE 0 END from (condition, its parameters, value) triples."""
    sql = " ".join(f"WHEN {condition} THEN {_float(then)}" for condition, _, then in whens)
    return f"CASE {sql} ELSE 0.0 END", [param for _, params, _ in whens for param in params]


def _match(parsed):
    """The Match of a parsed query. Plain SQL: these fragments go into every part of both queries."""
    # The publishing rule is visible()'s, whatever else the queries say.
    query = SearchDocument.objects.visible().query
    visible, visible_params = query.get_compiler(connection=connection).compile(query.where)
    visible_params = list(visible_params)
    conditions, condition_params = [], []
    head_where = None
    rank = head_rank = ("0.0", [])
    tsquery = parsed.tsquery()
    if tsquery is not None:
        conditions.append("search_vector @@ to_tsquery('simple', %s)")
        condition_params.append(tsquery)
        head_where = (f"{visible} AND head_vector @@ to_tsquery('simple', %s)", [*visible_params, tsquery])
        rank = _rank("ts_rank_cd", "search_vector", tsquery)
        if parsed.has_alternatives:
            # Matching on a word's parts keeps records findable; whole words count again, so they rank first.
            whole = _rank("ts_rank_cd", "search_vector", parsed.tsquery(whole_words=True))
            rank = (f"{rank[0]} + {whole[0]}", rank[1] + whole[1])
        else:
            rank = (f"{rank[0]} * 2", rank[1])  # the same query twice: no need to rank it twice
        # Picking candidates among hundreds of matches: plain ts_rank, once, costs a third of the above.
        head_rank = _rank("ts_rank", "head_vector", tsquery)
    whens = [
        ("lower(title) = %s", [parsed.text], EXACT_TITLE_BOOST),
        ("strpos(lower(title), %s) > 0", [parsed.text], TITLE_CONTAINS_BOOST),
    ]
    if parsed.pinyin:
        # Only [a-z] in parsed.pinyin: nothing to escape in the LIKE pattern.
        prefix = parsed.pinyin + "%"
        conditions += ["pinyin_full = %s", "pinyin_initials = %s"]
        condition_params += [parsed.pinyin, parsed.pinyin]
        if len(parsed.pinyin) >= 4:
            conditions.append("pinyin_full LIKE %s")
            condition_params.append(prefix)
        whens = [
            ("pinyin_full = %s", [parsed.pinyin], PINYIN_FULL_BOOST),
            ("pinyin_initials = %s", [parsed.pinyin], PINYIN_INITIALS_BOOST),
            ("pinyin_full LIKE %s", [prefix], PINYIN_PREFIX_BOOST),
            *whens,
        ]
    title_boost = _case(whens)
    kind_boost = _case([(f"kind = {_kind(kind)}", [], boost) for kind, boost in KIND_BOOST.items()])
    boost = (f"({title_boost[0]} + {kind_boost[0]})", title_boost[1] + kind_boost[1])
    where = (f"{visible} AND ({' OR '.join(conditions)})", [*visible_params, *condition_params])
    return Match(
        where=where,
        head_where=head_where,
        score=(f"({rank[0]} + {boost[0]})", rank[1] + boost[1]),
        head_score=(f"({head_rank[0]} + {boost[0]})", head_rank[1] + boost[1]),
        boost=boost,
    )


_state = threading.local()


@contextmanager
def index_scans():
    """Runs the queries inside on PostgreSQL's GIN indexes even for a word most records contain.

    The planner's row estimates are right, but it does not charge for reading a record's vector
    from TOAST storage (about 20 µs each), so for a common word it prefers a sequential scan that
    unpacks every vector: 30-50 ms instead of 6-9 ms on the index for the counts over 20 000 news.
    SET LOCAL lasts until the end of this transaction only.
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


TABLE = SearchDocument._meta.db_table
KIND_LABELS = dict(Kind.choices)


class Found(NamedTuple):
    """What a page of results reads of a record (not its vectors, which are large), in that order."""

    kind: str
    title: str
    url: str
    summary: str
    body: str
    publish_at: object

    def get_kind_display(self):
        return str(KIND_LABELS.get(self.kind, self.kind))


PAGE_COLUMNS = Found._fields


def count_by_kind(match):
    """({kind: number of matches, up to COUNT_LIMIT + 1}, {kind: ids of up to MAX_RESULTS of them}), in one query.

    Each kind stops at COUNT_LIMIT + 1 matches, so a word in every news costs no more than a rarer
    one; the ids are the first matches the index gave, and spare the page a second pass over it.
    They stay an array's text ('{3,5,8}') on their way back: turning hundreds of ids into a list
    and back into an array parameter cost more in Python than the query that uses them.
    """
    where, where_params = match.where
    parts, params = [], []
    for kind in map(_kind, KINDS):
        parts.append(
            f"(SELECT {kind}, count(*), (array_agg(id))[:{MAX_RESULTS}]::text"
            f" FROM (SELECT id FROM {TABLE} WHERE {where} AND kind = {kind} LIMIT {COUNT_LIMIT + 1})"
            " AS matches)"
        )
        params += where_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    return {kind: count for kind, count, _ in rows}, {kind: ids or "{}" for kind, _, ids in rows}


def count_label(count):
    """How a count reads on the page: "1000+" once counting stopped."""
    return f"{COUNT_LIMIT}+" if count > COUNT_LIMIT else str(count)


class Results:
    """The matches of one kind (or all), best first, sliced lazily: a Paginator reads `count()` and one slice.

    A page is one query over a pool of candidates with their cheap score. A kind with at most
    MAX_RESULTS matches brings them all. A kind with more brings a sample of MAX_RESULTS in no
    particular order, scored by the boosts alone, and its matches in titles and keywords with the
    cheap score: for news the RECENT_NEWS newest of them. The best CANDIDATES of the pool are ranked
    by the full score; beyond them (deep pages) the cheap order stands. At most MAX_RESULTS results
    can be paged through.
    """

    def __init__(self, parsed, match, kind, counts, ids):
        self.parsed = parsed
        self.match = match
        self.counts = counts
        self.ids = ids
        self.kinds = [kind] if kind else [each for each in KINDS if counts[each]]
        self.total = min(sum(counts[each] for each in self.kinds), MAX_RESULTS)

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
        if stop <= CANDIDATES:
            picked, score = self._picked(CANDIDATES, 0), self.match.score
        else:
            picked, score = self._picked(stop - start, start), self.match.head_score
            start, stop = 0, stop - start
        picked_sql, picked_params = picked
        score_sql, score_params = score
        # Plain SQL: the ORM would build and compile this statement again on every search.
        sql = (
            f"SELECT {', '.join(PAGE_COLUMNS)}, {score_sql} AS score FROM {TABLE} WHERE id IN ({picked_sql})"
            " ORDER BY score DESC, publish_at DESC NULLS LAST, id LIMIT %s OFFSET %s"
        )
        terms = self.parsed.highlight_terms()
        with index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, [*score_params, *picked_params, stop - start, start])
            rows = cursor.fetchall()
        return [Hit.from_document(Found(*values), terms, score=score) for *values, score in rows]

    def _picked(self, limit, offset):
        """(SQL, params) selecting the ids at [offset, offset + limit) of the pool in cheap order."""
        parts, params = self._pool()
        # Columns named by the alias, so that no name can refer to the outer query's table.
        sql = (
            f"SELECT pool.id FROM ({' UNION ALL '.join(parts)}) AS pool (id, publish_at, cheap)"
            " GROUP BY pool.id, pool.publish_at"
            " ORDER BY max(pool.cheap) DESC, pool.publish_at DESC NULLS LAST, pool.id LIMIT %s OFFSET %s"
        )
        return sql, [*params, limit, offset]

    def _pool(self):
        """The parts of the pool, each selecting (id, publish_at, cheap score), and their parameters."""
        parts, params, crowded = [], [], []
        for kind in self.kinds:
            # Every match of a kind with few; a sample, with the boosts alone, of one with many.
            if self.counts[kind] > MAX_RESULTS:
                crowded.append(kind)
                cheap, cheap_params = self.match.boost
            else:
                cheap, cheap_params = self.match.head_score
            parts.append(f"(SELECT id, publish_at, {cheap} FROM {TABLE} WHERE id = ANY(%s::bigint[]))")
            params += [*cheap_params, self.ids[kind]]
        if self.match.head_where is None or not crowded:
            return parts, params
        head_where, head_params = self.match.head_where
        cheap, cheap_params = self.match.head_score
        if others := [kind for kind in crowded if kind != Kind.NEWS]:
            parts.append(
                f"(SELECT id, publish_at, {cheap} FROM {TABLE} WHERE {head_where}"
                f" AND kind IN ({', '.join(['%s'] * len(others))}) LIMIT %s)"
            )
            params += [*cheap_params, *head_params, *others, MAX_RESULTS]
        if Kind.NEWS in crowded:
            # Newest first from the index on publish time, which this bound on it lets the planner use.
            parts.append(
                f"(SELECT id, publish_at, {cheap} FROM {TABLE} WHERE {head_where} AND kind = %s"
                " AND publish_at <= %s ORDER BY publish_at DESC NULLS LAST, id DESC LIMIT %s)"
            )
            params += [*cheap_params, *head_params, Kind.NEWS, timezone.now(), RECENT_NEWS]
        return parts, params


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
    def from_document(cls, document, terms, score=0.0):
        return cls(
            kind=document.kind,
            kind_label=document.get_kind_display(),
            title=document.title,
            url=document.url,
            title_html=highlight(document.title, terms),
            snippet_html=snippet(document, terms),
            publish_at=document.publish_at if document.kind == Kind.NEWS else None,
            score=score,
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
    kind: str | None = None

    @property
    def total(self):
        """Matches of every kind (each counted up to COUNT_LIMIT + 1)."""
        return sum(self.counts.values())

    @property
    def found(self):
        """Matches in the list shown: the kind asked for, or all."""
        return self.counts[self.kind] if self.kind else self.total

    @property
    def truncated(self):
        """More matches than can be paged through (MAX_RESULTS)."""
        return self.found > self.paginator.count


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
    counts, ids = dict.fromkeys(KINDS, 0), {}
    match = None
    with index_scans():
        if parsed.is_searchable:
            match = _match(parsed)
            counts, ids = count_by_kind(match)
            if not any(counts.values()) and len(parsed.words) > 1:
                parsed.match_all = False
                match = _match(parsed)
                counts, ids = count_by_kind(match)
        paginator = Paginator(Results(parsed, match, kind, counts, ids), per_page)
        number = min(max(page, 1), paginator.num_pages)
        page_obj = paginator.page(number)
    return Outcome(parsed, counts, paginator, page_obj, page_clamped=number != page, kind=kind)
