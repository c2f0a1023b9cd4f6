"""Helpers for the search tests: what a search finds, as (kind, title) pairs, best first."""

import pytest

from apps.search.query import search


def found(query, kind=None, per_page=50):
    """Records matching every word of the query; a fallback to records with only some of them counts as none."""
    outcome = search(query, kind=kind, per_page=per_page)
    if not outcome.parsed.match_all:
        return []
    return [(hit.kind, hit.title) for hit in outcome.page.object_list]


@pytest.fixture
def titles_found():
    def titles(query, kind=None):
        return [title for _, title in found(query, kind=kind)]

    return titles
