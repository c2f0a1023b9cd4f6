"""Publishing: drafts and scheduled content stay hidden from visitors until their time, editors see everything."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404
from django.test import RequestFactory
from django.views.generic import DetailView
from reversion.models import Version

from apps.core.admin import PublishableAdmin
from apps.core.views import PublishedForVisitorsMixin
from apps.news.models import Article
from tests.factories import (
    ArticleFactory,
    DepartmentFactory,
    EquipmentFactory,
    ExpertFactory,
    UserFactory,
    communications_editor,
    content_admin,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2024, 5, 20, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def articles(clock):
    return {
        "draft": ArticleFactory(
            title="草稿文章", status=Article.Status.DRAFT, published_at=NOW - datetime.timedelta(days=1)
        ),
        "scheduled": ArticleFactory(title="定时文章", published_at=NOW + datetime.timedelta(hours=2)),
        "past": ArticleFactory(title="已发布文章", published_at=NOW - datetime.timedelta(days=3)),
        "just-now": ArticleFactory(title="刚刚发布", published_at=NOW),
    }


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_visitors_see_only_published_content_whose_time_has_come(articles):
    assert titles(Article.objects.published()) == sorted(["已发布文章", "刚刚发布"])


def test_scheduled_content_goes_live_by_itself_when_its_time_comes(articles, clock):
    clock.move_to(NOW + datetime.timedelta(hours=2))

    assert "定时文章" in titles(Article.objects.published())
    assert "草稿文章" not in titles(Article.objects.published())


def test_published_chains_with_other_queryset_methods(articles):
    assert titles(Article.objects.for_listing().published().filter(title__startswith="已")) == ["已发布文章"]


def test_live_and_scheduled_flags(articles):
    assert articles["past"].is_live and not articles["past"].is_scheduled
    assert articles["scheduled"].is_scheduled and not articles["scheduled"].is_live
    assert not articles["draft"].is_live and not articles["draft"].is_scheduled


class ArticlePreview(PublishedForVisitorsMixin, DetailView):
    model = Article
    template_name = "news/article_detail.html"


def open_detail(user, article):
    request = RequestFactory().get("/preview/")
    request.user = user
    return ArticlePreview.as_view()(request, pk=article.pk)


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_visitors_and_editors_of_other_content_get_404_for_unpublished_content(articles, state):
    for user in (AnonymousUser(), UserFactory(), content_admin(is_staff=False, username="no-admin-access")):
        with pytest.raises(Http404):
            open_detail(user, articles[state])


@pytest.mark.parametrize("state", ["draft", "scheduled", "past"])
def test_editors_who_may_change_the_content_preview_everything(articles, state):
    for user in (communications_editor(), content_admin()):
        assert open_detail(user, articles[state]).status_code == 200


def test_visitors_get_published_content(articles):
    assert open_detail(AnonymousUser(), articles["past"]).status_code == 200


HIDDEN_RECORDS = {
    "department": lambda: DepartmentFactory(is_visible=False),
    "expert": lambda: ExpertFactory(is_active=False, primary_department=None),
    "equipment": lambda: EquipmentFactory(status="draft"),
    "article": lambda: ArticleFactory(status=Article.Status.DRAFT),
}


@pytest.mark.parametrize("kind", HIDDEN_RECORDS)
def test_every_kind_of_page_is_previewed_by_staff_who_may_change_it_and_by_no_one_else(client, kind):
    url = HIDDEN_RECORDS[kind]().get_absolute_url()
    assert client.get(url).status_code == 404

    client.force_login(content_admin(is_staff=False, username="taken-out-of-the-admin"))
    assert client.get(url).status_code == 404
    client.force_login(communications_editor(username="news-only"))
    assert client.get(url).status_code == (200 if kind == "article" else 404)
    client.force_login(content_admin(username="all-content"))
    assert client.get(url).status_code == 200


def admin_request(user):
    request = RequestFactory().post("/admin/news/article/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_publish_now_puts_scheduled_and_draft_content_live_and_records_a_revision(articles, clock):
    model_admin = PublishableAdmin(Article, admin.site)
    editor = communications_editor()
    queryset = Article.objects.filter(pk__in=[articles["draft"].pk, articles["scheduled"].pk])

    model_admin.publish_now(admin_request(editor), queryset)

    assert titles(Article.objects.published()) == sorted(["已发布文章", "刚刚发布", "草稿文章", "定时文章"])
    scheduled = Article.objects.get(pk=articles["scheduled"].pk)
    assert scheduled.published_at == NOW  # a future time is brought forward to now
    versions = Version.objects.get_for_object(scheduled)
    assert versions[0].revision.user == editor
    assert versions[0].revision.get_comment() == "批量发布"


def test_unpublish_takes_content_back_to_draft(articles):
    model_admin = PublishableAdmin(Article, admin.site)

    model_admin.unpublish(admin_request(content_admin()), Article.objects.filter(pk=articles["past"].pk))

    assert "已发布文章" not in titles(Article.objects.published())
    assert Article.objects.get(pk=articles["past"].pk).published_at == NOW - datetime.timedelta(days=3)


def test_the_admin_column_says_draft_scheduled_or_published(articles):
    model_admin = PublishableAdmin(Article, admin.site)

    assert model_admin.publication_state(articles["draft"]) == "草稿"
    assert model_admin.publication_state(articles["scheduled"]) == "定时发布（2024-05-20 11:00）"
    assert model_admin.publication_state(articles["past"]) == "已发布"
