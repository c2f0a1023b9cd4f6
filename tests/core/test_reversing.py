"""cached_reverse() and slug_urls() give what reverse() gives, and still let the URL patterns refuse bad slugs."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from apps.core.reversing import cached_reverse, slug_urls


def from_slug_urls(viewname, slug):
    return slug_urls(viewname)(slug)


# Both ways of making a record's URL; a test taking `slugged` holds for each.
slugged_url_makers = pytest.mark.parametrize("slugged", [cached_reverse, from_slug_urls])


@pytest.mark.parametrize(
    ("viewname", "slug"),
    [
        ("departments:detail", "shen-jing-wai-ke"),
        ("experts:detail", "li-yuan-zhi"),
        ("experts:detail", "li-yuan-zhi-2"),
        ("news:detail", "A_b-9"),
        ("equipment:detail", "x"),
        ("pages:service", "yuan-wu-gong-kai"),
    ],
)
@slugged_url_makers
def test_slugged_urls_match_reverse(slugged, viewname, slug):
    assert slugged(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


@pytest.mark.parametrize("viewname", ["home", "departments:list", "history:about", "core:campuses"])
def test_urls_without_arguments_match_reverse(viewname):
    assert cached_reverse(viewname) == reverse(viewname)


@slugged_url_makers
def test_a_slug_the_pattern_refuses_is_still_refused(slugged):
    with pytest.raises(NoReverseMatch):
        slugged("departments:detail", "神经外科")
    with pytest.raises(NoReverseMatch):
        slugged("departments:detail", "a/b")


@slugged_url_makers
def test_the_script_prefix_of_a_site_served_below_the_root_is_kept(slugged):
    try:
        set_script_prefix("/portal/")
        assert slugged("departments:detail", "er-ke") == "/portal/departments/er-ke/"
        assert cached_reverse("home") == "/portal/"
    finally:
        set_script_prefix("/")
    assert slugged("departments:detail", "er-ke") == "/departments/er-ke/"


@slugged_url_makers
@pytest.mark.urls("tests.core.reversing_urls")
def test_another_urlconf_gets_its_own_urls(slugged):
    assert slugged("departments:detail", "er-ke") == "/elsewhere/er-ke/"
