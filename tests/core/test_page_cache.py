"""Visitors' pages come from the cache; an edit or a scheduled publication shows on the next request."""

import datetime
import gzip
import io
import threading
import time

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.cache import RENDER_POLL, RENDER_WAIT, STALE_GRACE, PageCacheMiddleware
from apps.core.models import Campus
from apps.pages.models import ServicePage
from tests.factories import CampusFactory, CategoryFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campus():
    return Campus.objects.create(name="雁峰院区")


def test_a_visitor_gets_the_second_page_view_from_the_cache(client, page_cache, campus, django_assert_num_queries):
    first = client.get("/campuses/")
    with django_assert_num_queries(0):
        second = client.get("/campuses/")
    assert second.status_code == 200
    assert second.content == first.content


def test_each_answer_says_whether_it_came_from_the_cache(client, page_cache, campus):
    first = client.get("/campuses/")
    second = client.get("/campuses/", headers={"Accept-Encoding": "gzip"})
    third = client.get("/campuses/")
    campus.save()
    after_edit = client.get("/campuses/", headers={"Accept-Encoding": "gzip"})

    assert [r["X-Cache"] for r in (first, second, third, after_edit)] == ["miss", "hit", "hit", "miss"]
    assert client.get("/campuses/")["X-Cache"] == "hit"


def claimed_by_another_worker(path):
    """The page at `path` is being rendered by a request elsewhere; the cache key it will be stored under."""
    key = PageCacheMiddleware._key(RequestFactory().get(path))
    assert cache.add(f"{key}:rendering", 1)
    return key


def test_a_page_another_request_is_rendering_is_waited_for_not_rendered_again(client, page_cache, campus):
    client.get("/campuses/")
    campus.save()  # a new content generation: the next visitor's request renders the page
    with time_machine.travel(datetime.timedelta(seconds=STALE_GRACE + 1)):
        key = claimed_by_another_worker("/campuses/")  # and stores it a moment later
        threading.Timer(0.3, cache.set, (key, (HttpResponse("另一个进程刚生成的页面"), None))).start()

        waited = client.get("/campuses/")

    assert waited["X-Cache"] == "hit"
    assert waited.content.decode() == "另一个进程刚生成的页面"


def test_right_after_an_edit_visitors_get_the_page_as_it_was_while_one_request_renders_it(client, page_cache, campus):
    client.get("/campuses/")
    with time_machine.travel(datetime.timedelta(seconds=60)):  # an edit, a while after the page was stored
        campus.phone = "0734-1111111"
        campus.save()
        claimed_by_another_worker("/campuses/")  # by a visitor who came first: it never arrives here

        started = time.monotonic()
        meanwhile = client.get("/campuses/", headers={"Accept-Encoding": "gzip"})

    assert time.monotonic() - started < RENDER_POLL * 4  # not queued behind the render
    assert meanwhile["X-Cache"] == "stale"
    assert "雁峰院区" in gzip.decompress(meanwhile.content).decode()
    assert "0734-1111111" not in gzip.decompress(meanwhile.content).decode()


def test_a_second_after_an_edit_no_visitor_gets_the_page_as_it_was(client, page_cache, campus):
    client.get("/campuses/")
    with time_machine.travel(datetime.timedelta(seconds=60)):
        campus.phone = "0734-1111111"
        campus.save()
    with time_machine.travel(datetime.timedelta(seconds=60 + STALE_GRACE)):
        claimed_by_another_worker("/campuses/")  # by a request that died
        later = client.get("/campuses/")

    assert later["X-Cache"] == "miss"
    assert "0734-1111111" in later.content.decode()


def test_after_a_restore_not_even_a_moment_of_the_pages_before_it_is_shown(client, page_cache, campus):
    client.get("/campuses/")
    with time_machine.travel(datetime.timedelta(seconds=60)):
        Campus.objects.filter(pk=campus.pk).update(phone="0734-1111111")  # a restored database: no signal
        call_command("clear_page_cache", stdout=io.StringIO())
        claimed_by_another_worker("/campuses/")

        answer = client.get("/campuses/")

    assert answer["X-Cache"] == "miss"
    assert "0734-1111111" in answer.content.decode()


def test_a_render_that_never_arrives_is_waited_for_only_briefly(client, page_cache, campus):
    claimed_by_another_worker("/campuses/")  # by a request that died
    started = time.monotonic()
    answer = client.get("/campuses/")
    assert answer.status_code == 200 and "雁峰院区" in answer.content.decode()
    assert time.monotonic() - started < RENDER_WAIT + 1


def test_an_edit_shows_on_the_next_request_of_every_page(client, page_cache, campus):
    client.get("/campuses/")
    client.get("/")
    campus.phone = "0734-1234567"
    campus.save()

    assert "0734-1234567" in client.get("/campuses/").content.decode()
    assert "0734-1234567" in client.get("/").content.decode()


def test_a_logged_in_editor_always_gets_a_fresh_page(client, page_cache, campus, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="a-long-password-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="内容管理员"))
    client.force_login(editor)
    client.get("/campuses/")
    Campus.objects.filter(pk=campus.pk).update(phone="0734-7654321")  # no signal: only a fresh render shows it
    assert "0734-7654321" in client.get("/campuses/").content.decode()


def test_pages_carry_validators_and_answer_conditional_requests_with_304(client, page_cache, campus):
    response = client.get("/campuses/")
    assert response["ETag"]
    assert response["Last-Modified"]
    assert "max-age=0" in response["Cache-Control"]

    again = client.get("/campuses/", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("visit", ["first", "cached"])
def test_browsers_that_accept_gzip_get_the_same_page_compressed_and_others_get_it_plain(
    client, page_cache, campus, visit
):
    plain = client.get("/campuses/")
    if visit == "cached":
        client.get("/campuses/", headers={"Accept-Encoding": "gzip, deflate, br"})  # the cache now holds it
    compressed = client.get("/campuses/", headers={"Accept-Encoding": "gzip, deflate, br"})

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert compressed["ETag"] == "W/" + plain["ETag"]
    assert "Content-Encoding" not in client.get("/campuses/")
    assert "Content-Security-Policy" in compressed

    again = client.get("/campuses/", headers={"Accept-Encoding": "gzip", "If-None-Match": compressed["ETag"]})
    assert again.status_code == 304


def test_a_scheduled_page_goes_live_at_its_time_through_the_cache(client, page_cache):
    publish_at = timezone.now() + datetime.timedelta(hours=1)
    page = ServicePage.objects.create(title="就医指南", status=ServicePage.Status.PUBLISHED, published_at=publish_at)
    assert page.get_absolute_url() not in client.get("/").content.decode()

    with time_machine.travel(publish_at + datetime.timedelta(seconds=1)):
        assert page.get_absolute_url() in client.get("/").content.decode()


def test_a_cached_page_is_rendered_afresh_on_a_new_day(client, page_cache, campus):
    """Expert pages show the coming seven days: yesterday's copy must not outlive midnight."""
    first_day = timezone.localtime().replace(hour=23, minute=59)
    with time_machine.travel(first_day, tick=False):
        client.get("/campuses/")
        Campus.objects.filter(pk=campus.pk).update(phone="0734-1111111")  # no signal, so the cache alone decides
        assert "0734-1111111" not in client.get("/campuses/").content.decode()
    with time_machine.travel(first_day + datetime.timedelta(minutes=2), tick=False):
        assert "0734-1111111" in client.get("/campuses/").content.decode()


@pytest.mark.parametrize(
    "canonical, with_junk",
    [
        ("/", "/?utm_source=wechat&utm_medium=share"),
        ("/departments/", "/departments/?from=singlemessage&isappinstalled=0"),
        ("/campuses/", "/campuses/?from=timeline"),
    ],
)
def test_parameters_the_page_does_not_read_are_served_the_cached_page(
    client, page_cache, campus, django_assert_num_queries, canonical, with_junk
):
    page = client.get(canonical)
    with django_assert_num_queries(0):
        shared = client.get(with_junk)
    assert shared.status_code == 200
    assert shared.content == page.content


def test_a_page_first_asked_for_with_junk_is_cached_as_the_canonical_page(
    client, page_cache, campus, django_assert_num_queries
):
    first = client.get("/departments/?from=singlemessage&utm_campaign=x")
    with django_assert_num_queries(0):
        canonical = client.get("/departments/")
    assert canonical.content == first.content
    assert "singlemessage" not in first.content.decode()


def test_filters_still_make_pages_of_their_own_in_any_order(client, page_cache, django_assert_num_queries):
    east = CampusFactory(name="东院")
    west = CampusFactory(name="西院")
    DepartmentFactory(name="心血管内科").campuses.set([east])
    DepartmentFactory(name="骨科").campuses.set([west])

    everything = client.get("/departments/").content.decode()
    only_east = client.get(f"/departments/?campus={east.slug}&utm_source=x").content.decode()
    assert "心血管内科" in everything and "骨科" in everything
    assert "心血管内科" in only_east and "骨科" not in only_east
    with django_assert_num_queries(0):
        again = client.get(f"/departments/?utm_source=y&campus={east.slug}").content.decode()
    assert again == only_east


def test_parameters_are_keyed_in_a_fixed_order(client, page_cache, django_assert_num_queries):
    CategoryFactory(name="医院新闻")
    client.get("/news/?year=2025&page=1")
    with django_assert_num_queries(0):
        assert client.get("/news/?page=1&from=groupmessage&year=2025").status_code == 200


def test_an_invalid_filter_value_is_answered_as_before_from_the_cache_too(client, page_cache, campus):
    for _ in range(2):
        response = client.get("/departments/?campus=no-such-campus&isappinstalled=0")
        assert response.status_code == 200
        assert "没有找到您选择的院区" in response.content.decode()
    assert client.get("/news/?year=abc&from=singlemessage").status_code == 200
    assert "年份“abc”无效" in client.get("/news/?year=abc").content.decode()


def test_search_results_are_not_stored_but_the_empty_search_page_is(client, page_cache, django_assert_num_queries):
    DepartmentFactory(name="神经外科")
    client.get("/search/")
    with django_assert_num_queries(0):
        assert client.get("/search/?utm_source=x").status_code == 200

    first = client.get("/search/?q=神经外科")
    assert "神经外科" in first.content.decode()
    assert "private" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as again_queries:
        again = client.get("/search/?q=神经外科")
    assert "神经外科" in again.content.decode()
    assert len(again_queries) > 0  # searched again, not read from the cache


@pytest.mark.django_db(transaction=True)
def test_pages_stay_cached_while_an_edit_is_being_saved_and_change_once_it_is_committed(client, page_cache):
    campus = Campus.objects.create(name="雁峰院区")
    client.get("/campuses/")
    answers = {}

    def visitor_elsewhere(name):  # another worker: its own connection, which sees only what is committed
        answers[name] = client.get("/campuses/")
        connection.close()

    with transaction.atomic():
        campus.phone = "0734-1111111"
        campus.save()
        reader = threading.Thread(target=visitor_elsewhere, args=("during",))
        reader.start()
        reader.join()
    reader = threading.Thread(target=visitor_elsewhere, args=("after",))
    reader.start()
    reader.join()

    assert answers["during"]["X-Cache"] == "hit"  # not rendered again from rows about to change
    assert "0734-1111111" not in answers["during"].content.decode()
    assert answers["after"]["X-Cache"] == "miss"
    assert "0734-1111111" in answers["after"].content.decode()
