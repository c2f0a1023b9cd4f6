"""Chinese word segmentation for the search index and for queries, with jieba loaded once per process.

PostgreSQL's parsers do not split Chinese, so text is cut into words here and handed to
`to_tsvector('simple', …)` as space-separated lexemes. The index uses jieba's search mode
(胸痛中心 -> 胸痛, 中心, 胸痛中心); a query is cut into whole words, and each word also matches
through its parts, so that a record stays findable whichever way a process's dictionary cuts it.
"""

import logging
import re
import threading
import unicodedata

# Lexemes are runs of Chinese characters or runs of Latin letters and digits, nothing else: they pass
# through PostgreSQL's 'simple' parser unchanged and are safe inside a tsquery.
RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LETTERS_OR_DIGITS = re.compile(r"[a-z]+|[0-9]+")
PINYIN_QUERY = re.compile(r"^[a-z]{2,40}$")

# Single characters that carry no meaning in a search; everything else is kept.
STOP_CHARACTERS = frozenset("的了和与及在是也等为对于以并将把被之其而或就都从由向这那个着过")

# Endings of the hospital's own names whose stem is a term of its own (卒中中心 -> 卒中, 皮肤科 -> 皮肤).
NAME_ENDINGS = ("院士工作室", "工作室", "工作站", "诊疗中心", "救治中心", "中心", "医学科", "外科", "内科", "科")

_lock = threading.RLock()
_tokenizer = None
_known_terms = set()
_term_parts = {}
# The content generation (apps.core.cache) the database's terms were last read at.
_terms_generation = None
# jieba word -> its lexemes: words repeat a lot, and this is the hot loop of a rebuild.
_token_lexemes = {}
TOKEN_CACHE_SIZE = 200_000

logger = logging.getLogger(__name__)


def normalize(text):
    """Full-width forms folded (ＰＥＴ－ＣＴ -> PET-CT), Latin lower-cased, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).lower().split())


def tokenizer():
    """The process's jieba tokenizer, loaded on first use (about a second) and kept."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                instance = jieba.Tokenizer()
                instance.initialize()
                _tokenizer = instance
    return _tokenizer


def _stems(term):
    for ending in NAME_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 2:
            yield term[: -len(ending)]


def add_terms(terms):
    """Puts the hospital's own names (departments, conditions, devices, experts) into the dictionary.

    Each stays one word (胸痛中心, 李远志), and the way it was cut before is remembered so that its
    parts remain findable too (飞利浦PET-CT still yields PET and CT).
    """
    new = []
    for term in terms:
        term = normalize(term).replace(" ", "")
        if len(term) >= 2 and term not in _known_terms:
            new.append(term)
            new.extend(stem for stem in _stems(term) if stem not in _known_terms)
    if not new:
        return
    jieba = tokenizer()
    with _lock:
        for term in new:
            if term in _known_terms or not CJK.search(term):
                continue
            _term_parts[term] = [part for part in jieba.cut_for_search(term) if part != term]
            jieba.add_word(term)
            _known_terms.add(term)
        _token_lexemes.clear()


def load_database_terms():
    """The terms every indexed record contributed, so queries are cut like the index.

    Read again whenever the content generation has moved on: an edit made through any process, on
    any server, may have brought new terms. While the generation is unknown (the cache is down), the
    terms read last are kept.
    """
    global _terms_generation
    from django.db import DatabaseError, transaction

    from apps.core.cache import content_generation

    from .models import SearchDocument

    generation = content_generation()
    if _terms_generation is not None and generation in (0, _terms_generation):
        return

    try:
        with transaction.atomic():
            terms = SearchDocument.objects.all_terms()
    except DatabaseError:  # the table does not exist yet (before migrate)
        logger.warning("search: could not read the index's terms", exc_info=True)
        return
    add_terms(terms)
    _terms_generation = generation


def _lexemes(piece):
    """Lexemes of one jieba token: its Chinese and Latin/digit runs, mixed runs also split (storz3d -> storz, 3, d)."""
    for run in RUN.findall(piece):
        if len(run) == 1 and run in STOP_CHARACTERS:
            continue
        yield run
        if not CJK.match(run):
            parts = LETTERS_OR_DIGITS.findall(run)
            if len(parts) > 1:
                yield from parts


def index_tokens(text):
    """The lexemes of a text for the index, in order: jieba's search mode, plus the parts of known terms."""
    text = normalize(text)
    if not text:
        return []
    tokens = []
    cache = _token_lexemes
    for token in tokenizer().cut_for_search(text):
        lexemes = cache.get(token)
        if lexemes is None:
            lexemes = _word_lexemes(token)
        tokens.extend(lexemes)
    return tokens


def _word_lexemes(token):
    """The lexemes of one jieba word and of the parts it had before it became a term, each once, remembered."""
    lexemes = list(_lexemes(token))
    for part in _term_parts.get(token, ()):
        lexemes.extend(_lexemes(part))
    lexemes = tuple(dict.fromkeys(lexemes))
    if len(_token_lexemes) > TOKEN_CACHE_SIZE:
        _token_lexemes.clear()
    _token_lexemes[token] = lexemes
    return lexemes


def bigrams(text):
    """Overlapping pairs of Chinese characters of a short text (李远志 -> 李远, 远志), for titles only.

    They keep a record findable by any part of its name, whatever a process's dictionary holds.
    """
    grams = []
    for run in RUN.findall(normalize(text)):
        if CJK.match(run) and len(run) > 2:
            grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def query_words(query):
    """The words of a query as a visitor means them: [(word, [alternatives])].

    Each word is one lexeme; its alternatives are lists of lexemes that, all present, also match it
    (its jieba parts, its character pairs, its Latin and digit runs).
    """
    jieba = tokenizer()
    words = []
    seen = set()
    for chunk in normalize(query).split():
        for token in jieba.cut(chunk):
            for run in RUN.findall(token):
                if run in seen or (len(run) == 1 and run in STOP_CHARACTERS):
                    continue
                seen.add(run)
                words.append((run, _alternatives(run)))
    return words


def _alternatives(word):
    alternatives = []
    if CJK.match(word):
        parts = _term_parts.get(word) or [part for part in jieba_parts(word) if part != word]
        lexemes = [lexeme for part in parts for lexeme in _lexemes(part)]
        if lexemes:
            alternatives.append(lexemes)
        pairs = bigrams(word)
        if pairs and pairs != lexemes:
            alternatives.append(pairs)
    else:
        parts = LETTERS_OR_DIGITS.findall(word)
        if len(parts) > 1:
            alternatives.append(parts)
    return alternatives


def jieba_parts(word):
    return list(tokenizer().cut_for_search(word))


def _lexeme_query(lexeme):
    # Latin words of three letters or more also match as prefixes (olymp -> olympus).
    if not CJK.match(lexeme) and len(lexeme) >= 3 and not lexeme.isdigit():
        return f"'{lexeme}':*"
    return f"'{lexeme}'"


def tsquery(words, match_all=True, whole_words=False):
    """A to_tsquery('simple', …) expression for the words of query_words(); None when there is none.

    With `whole_words`, the words alone, without their alternatives: for ranking whole-word matches
    above matches on parts. Lexemes hold only Chinese characters, Latin letters and digits (see
    RUN), so quoting is enough.
    """
    groups = []
    for word, alternatives in words:
        options = [_lexeme_query(word)]
        for lexemes in () if whole_words else alternatives:
            options.append("(" + " & ".join(_lexeme_query(lexeme) for lexeme in lexemes) + ")")
        groups.append(options[0] if len(options) == 1 else "(" + " | ".join(options) + ")")
    if not groups:
        return None
    return (" & " if match_all else " | ").join(groups)


def highlight_terms(words):
    """Strings to mark in titles and snippets: each word and its parts, longest first."""
    terms = set()
    for word, alternatives in words:
        terms.add(word)
        for lexemes in alternatives[:1]:
            terms.update(lexeme for lexeme in lexemes if len(lexeme) > 1 or not CJK.match(lexeme))
    return sorted(terms, key=lambda term: (-len(term), term))


def pinyin_query(query):
    """The query as pinyin to compare with names (`lyz`, `liyuanzhi`, `li yuan zhi`), or None."""
    compact = normalize(query).replace(" ", "")
    return compact if PINYIN_QUERY.match(compact) else None
