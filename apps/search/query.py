"""Running a search: one SQL query for the counts per kind, one for a page of results, and highlighted
snippets made in Python from the rows of that page.

Neither query reads every match of a common word (医院 is in nearly all news): the counts stop at
COUNT_LIMIT per kind, and the page is ranked among a bounded pool of candidates per kind.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import Case, Expression, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Lower
from django.db.models.lookups import Contains, Exact
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from apps.core.pagination import page_number

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
# The query is one of the record's own names: another name, a condition it treats, a symptom that points
# to it (头痛 names 神经内科's symptom; 剧烈头痛, 神经外科's, only contains it).
NAMED_TERM_BOOST = 1.0
# Every word matches whole (脑出血), not only through its parts (出血, as in 上消化道出血).
WHOLE_WORD_BOOST = 0.5
PINYIN_FULL_BOOST = 3.0
PINYIN_INITIALS_BOOST = 2.0
PINYIN_PREFIX_BOOST = 1.0
# Patients mostly look for a department or a doctor: at equal relevance these come first. Kept smaller
# than the gap between a keyword match and a mere mention in a text.
KIND_BOOST = {Kind.DEPARTMENT: 0.06, Kind.SERVICE: 0.05, Kind.EXPERT: 0.04, Kind.EQUIPMENT: 0.02, Kind.NEWS: 0.0}
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
# A sentence ends at Chinese or Latin end punctuation, a semicolon, or the end of a passage (a line).
SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
# Among equal scores: the newest first, then by id.
ORDER = (F("publish_at").desc(nulls_last=True), "id")


@dataclass
class ParsedQuery:
    text: str
    words: list
    pinyin: str | None
    match_all: bool = True

    @property
    def is_searchable(self):
        return bool(self.words or self.pinyin)

    def search_query(self, whole_words=False):
        """The words as a SearchQuery (to_tsquery('simple', …)), or None.

        With `whole_words`, the words alone, without the parts that also match them.
        """
        text = segmentation.tsquery(self.words, match_all=self.match_all, whole_words=whole_words)
        return None if text is None else SearchQuery(text, search_type="raw", config="simple")

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
    """The query on the index table.

    `matches`: visible records that match (vector or pinyin); `head_matches`: visible records that
    match in the title and keywords, None for a query of pinyin alone. `score` ranks with ts_rank_cd
    on the whole weighted vector. `head_rank` is plain ts_rank on the small title and keywords
    vector, which sits in the row: with `boost` it makes the cheap score. `boost` is what both
    scores add (exact title, title containing the query, pinyin, kind): the cheap score of a match
    anywhere else.
    """

    matches: QuerySet
    head_matches: QuerySet | None
    score: Expression
    head_rank: Expression | None
    boost: Expression

    @property
    def head_score(self):
        return self.boost if self.head_rank is None else self.head_rank + self.boost


def _float(value):
    """A float8 like the ranks' sums (a bare 0.0 would be numeric), so that scores keep their order."""
    return Cast(Value(value), FloatField())


def _boost(whens):
    """CASE WHEN condition THEN boost … ELSE 0 END from (condition, boost) pairs, as a float8."""
    return Cast(Case(*(When(condition, then=boost) for condition, boost in whens), default=0.0), FloatField())


def _rank(vector, query, cover_density=True):
    return SearchRank(F(vector), query, weights=WEIGHTS, normalization=NORMALIZATION, cover_density=cover_density)


def _match(parsed):
    """The Match of a parsed query."""
    # The publishing rule is visible()'s, whatever else the queries say.
    visible = SearchDocument.objects.visible().order_by()
    condition = Q()
    head_matches = None
    rank = head_rank = None
    query = parsed.search_query()
    if query is not None:
        condition |= Q(search_vector=query)
        head_matches = visible.filter(head_vector=query)
        rank = _rank("search_vector", query)
        if parsed.has_alternatives:
            # Matching on a word's parts keeps records findable; whole words count again, and above any part.
            whole_words = parsed.search_query(whole_words=True)
            rank += _rank("search_vector", whole_words) + _boost([(Q(search_vector=whole_words), WHOLE_WORD_BOOST)])
        else:
            rank *= 2  # the same query twice: no need to rank it twice
        # Picking candidates among hundreds of matches: plain ts_rank, once, costs a third of the above.
        head_rank = _rank("head_vector", query, cover_density=False)
    whens = [
        (Exact(Lower("title"), parsed.text), EXACT_TITLE_BOOST),
        (Contains(Lower("title"), parsed.text), TITLE_CONTAINS_BOOST),
    ]
    named = [(Q(terms__contains=[parsed.text]), NAMED_TERM_BOOST)]
    if parsed.pinyin:
        condition |= Q(pinyin_full=parsed.pinyin) | Q(pinyin_initials=parsed.pinyin)
        if len(parsed.pinyin) >= 4:
            condition |= Q(pinyin_full__startswith=parsed.pinyin)
        whens = [
            (Q(pinyin_full=parsed.pinyin), PINYIN_FULL_BOOST),
            (Q(pinyin_initials=parsed.pinyin), PINYIN_INITIALS_BOOST),
            (Q(pinyin_full__startswith=parsed.pinyin), PINYIN_PREFIX_BOOST),
            *whens,
        ]
    boost = _boost(whens) + _boost(named) + _boost([(Q(kind=kind), boost) for kind, boost in KIND_BOOST.items()])
    return Match(
        matches=visible.filter(condition),
        head_matches=head_matches,
        score=boost if rank is None else rank + boost,
        head_rank=head_rank,
        boost=boost,
    )


def count_by_kind(matches):
    """({kind: number of matches, up to COUNT_LIMIT + 1}, {kind: ids of up to MAX_RESULTS of them}), in one query.

    Each kind stops at COUNT_LIMIT + 1 matches, so a word in every news costs no more than a rarer
    one; the ids are the first matches the index gave, and spare the page a second pass over it.
    """
    first, *others = (matches.filter(kind=kind).values_list("kind", "id")[: COUNT_LIMIT + 1] for kind in KINDS)
    counts, ids = dict.fromkeys(KINDS, 0), {kind: [] for kind in KINDS}
    for kind, pk in first.union(*others, all=True):
        counts[kind] += 1
        if counts[kind] <= MAX_RESULTS:
            ids[kind].append(pk)
    return counts, ids


def count_label(*counts):
    """How a count, or the sum of several kinds' counts, reads on the page.

    A kind whose counting stopped counts as COUNT_LIMIT and the sum gets a "+": 全部 "1013+" beside the
    tabs 1000+, 5 and 8, so the tabs add up to what 全部 says.
    """
    shown = sum(min(count, COUNT_LIMIT) for count in counts)
    return f"{shown}+" if any(count > COUNT_LIMIT for count in counts) else str(shown)


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
        ids = [pk for kind in self.kinds for pk in self.ids[kind]]
        crowded = [kind for kind in self.kinds if self.counts[kind] > MAX_RESULTS]
        if not crowded and len(ids) <= CANDIDATES:
            picked, score = ids, self.match.score  # every match is a candidate
        elif stop <= CANDIDATES:
            picked, score = self._picked(ids, crowded, 0, CANDIDATES), self.match.score
        else:
            picked, score = self._picked(ids, crowded, start, stop), self.match.head_score
            start, stop = 0, stop - start
        documents = (
            SearchDocument.objects.filter(id__in=picked)
            .only("kind", "title", "url", "summary", "body", "publish_at")  # not the vectors, which are large
            .annotate(score=score)
            .order_by("-score", *ORDER)[start:stop]
        )
        terms = self.parsed.highlight_terms()
        return [Hit.from_document(document, terms) for document in documents]

    def _picked(self, ids, crowded, start, stop):
        """The ids at [start, stop) of the pool, `ids` and the heads of `crowded` kinds, in cheap order: a subquery."""
        pool = SearchDocument.objects.filter(id__in=ids)
        rank = self.match.head_rank
        # For pinyin alone there are no heads, and the cheap score is the boosts alone.
        if crowded and rank is not None:
            heads = self._heads(crowded)
            # A union, not an OR, so that each part reads its own index.
            pool = SearchDocument.objects.filter(id__in=pool.order_by().values("id").union(*heads, all=True))
            # A crowded kind's sample is ranked by the boosts alone, its heads by the cheap score.
            in_heads = Q(id__in=heads[0].union(*heads[1:], all=True))
            rank = Case(When(Q(kind__in=crowded) & ~in_heads, then=_float(0.0)), default=rank)
        cheap = self.match.boost if rank is None else rank + self.match.boost
        return pool.alias(cheap=cheap).order_by("-cheap", *ORDER).values("id")[start:stop]

    def _heads(self, crowded):
        """Subqueries of the matches in titles and keywords of the crowded kinds that join the pool."""
        heads = []
        if others := [kind for kind in crowded if kind != Kind.NEWS]:
            heads.append(self.match.head_matches.filter(kind__in=others).values("id")[:MAX_RESULTS])
        if Kind.NEWS in crowded:
            # Newest first from the index on publish time, which this bound on it lets the planner use.
            newest = self.match.head_matches.filter(kind=Kind.NEWS, publish_at__lte=timezone.now())
            heads.append(newest.order_by(F("publish_at").desc(nulls_last=True), "-id").values("id")[:RECENT_NEWS])
        return heads


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


def _sentences(text):
    """The sentences of a record's visible text as (passage number, sentence), each with its closing punctuation."""
    return [
        (number, sentence.strip())
        for number, passage in enumerate(text.splitlines())
        for sentence in SENTENCE.findall(passage)
        if sentence.strip()
    ]


def _best_hit(sentences, pattern):
    """(index of the sentence, match) with the longest hit, the first of equals: a whole word before a part of it."""
    best = None
    for index, (_, sentence) in enumerate(sentences):
        for found in pattern.finditer(sentence):
            if best is None or len(found.group()) > len(best[1].group()):
                best = (index, found)
    return best


def snippet(document, terms):
    """The sentence (and, when short, the next of its passage) of the record's visible text with the best hit.

    The text is what the record's page shows (documents.Source.text), never the index's keyword lists.
    When it holds no term (a match on the name's pinyin, or on a keyword only), the summary stands in.
    """
    sentences = _sentences(document.body)
    pattern = _pattern(terms)
    best = _best_hit(sentences, pattern) if pattern else None
    if best is None:
        fallback = document.summary or (sentences[0][1] if sentences else "")
        return highlight(fallback[:SNIPPET_CHARS], terms)
    index, found = best
    (number, passage), hit = sentences[index], found.start()
    # A short sentence is read with the next one of the same passage (a list's next item is another topic).
    if len(passage) < SNIPPET_CHARS // 2 and index + 1 < len(sentences) and sentences[index + 1][0] == number:
        passage = passage + sentences[index + 1][1]
    start = max(0, hit - SNIPPET_LEAD) if len(passage) > SNIPPET_CHARS else 0
    end = min(len(passage), start + SNIPPET_CHARS)
    return mark_safe(  # noqa: S308 - highlight() escapes the text
        ("…" if start > 0 else "") + highlight(passage[start:end], terms) + ("…" if end < len(passage) else "")
    )


@dataclass
class Outcome:
    """One page of a search: the parsed query, counts per kind, and the page of hits."""

    parsed: ParsedQuery
    counts: dict
    paginator: Paginator
    page: object
    page_notice: str = ""
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


def search(text, kind=None, page=None, per_page=10):
    """Page `page` (a ?page= value) of the matches of `text` (of one kind, or all), with the counts per kind.

    Every word must match; when no record has them all, records with any of them are shown
    (`parsed.match_all` is False then). The page is chosen by the rule of every list
    (apps.core.pagination.page_number), whose notice comes back as `page_notice`.
    """
    # The hospital's terms (read again after any edit), so that the query is cut the way the index was.
    segmentation.load_database_terms()
    parsed = parse(text)
    counts, ids = dict.fromkeys(KINDS, 0), {}
    match = None
    if parsed.is_searchable:
        match = _match(parsed)
        counts, ids = count_by_kind(match.matches)
        if not any(counts.values()) and len(parsed.words) > 1:
            parsed.match_all = False
            match = _match(parsed)
            counts, ids = count_by_kind(match.matches)
    paginator = Paginator(Results(parsed, match, kind, counts, ids), per_page)
    number, notice = page_number(page, paginator.num_pages)
    return Outcome(parsed, counts, paginator, paginator.page(number), page_notice=notice, kind=kind)
