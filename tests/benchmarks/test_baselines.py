"""The baselines `make bench` holds pages to are the size of the pages they stand for."""

import pytest

from benchmarks import views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [7_000, 31_000, 105_000])
def test_the_template_baseline_makes_about_as_much_html_as_asked(rf, size):
    response = views.template_response(rf.get("/bench/template/", {"size": size}))

    assert response.status_code == 200
    assert abs(len(response.content) - size) < 0.02 * size
    assert response.content.count("示例条目".encode()) > 1


@pytest.mark.parametrize("size", [2_000, 11_000])
def test_the_prebuilt_baseline_is_the_size_asked_plus_its_frame(rf, size):
    response = views.prebuilt_response(rf.get("/bench/prebuilt/", {"size": size}))

    assert size < len(response.content) < size + 100


def test_a_size_that_is_not_a_number_gets_the_default(rf):
    response = views.prebuilt_response(rf.get("/bench/prebuilt/", {"size": "大"}))

    assert 30_000 < len(response.content) < 30_100
