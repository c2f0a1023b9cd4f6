"""cached_reverse() gives exactly what reverse() gives, and still lets the URL patterns refuse bad slugs."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from apps.core.reversing import cached_reverse


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
def test_slugged_urls_match_reverse(viewname, slug):
    assert cached_reverse(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


@pytest.mark.parametrize("viewname", ["home", "departments:list", "history:about", "core:campuses"])
def test_urls_without_arguments_match_reverse(viewname):
    assert cached_reverse(viewname) == reverse(viewname)


def test_a_slug_the_pattern_refuses_is_still_refused():
    with pytest.raises(NoReverseMatch):
        cached_reverse("departments:detail", "神经外科")
    with pytest.raises(NoReverseMatch):
        cached_reverse("departments:detail", "a/b")


def test_the_script_prefix_of_a_site_served_below_the_root_is_kept():
    try:
        set_script_prefix("/portal/")
        assert cached_reverse("departments:detail", "er-ke") == "/portal/departments/er-ke/"
        assert cached_reverse("home") == "/portal/"
    finally:
        set_script_prefix("/")
    assert cached_reverse("departments:detail", "er-ke") == "/departments/er-ke/"


@pytest.mark.urls("tests.core.reversing_urls")
def test_another_urlconf_gets_its_own_urls():
    assert cached_reverse("departments:detail", "er-ke") == "/elsewhere/er-ke/"
