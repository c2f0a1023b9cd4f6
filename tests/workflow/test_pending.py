"""Drafts of a live page: an edit of a published article waits, unseen by visitors, until it is signed."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from apps.news.models import Article
from apps.workflow.models import ReviewState, WorkflowStep
from tests.factories import ArticleFactory, DepartmentFactory
from tests.helpers import admin_form_data

from .conftest import change_url, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(news_workflow):
    return ArticleFactory(title="测试：已发布的标题", body="<p>已发布的正文。</p>")


def preview_url(article):
    return reverse("admin:news_article_preview", args=[article.pk])


def test_an_edit_of_a_live_article_is_kept_aside_until_signed(live, author, reviewer, signer, client):
    department = DepartmentFactory(name="测试待签发科室")
    response = post_form(author, live, title="测试：修改后的标题", departments=[department.pk])
    assert response.status_code == 302
    assert "已存为待签发的版本" in " ".join(str(m) for m in author.get(change_url(live)).context["messages"])

    live.refresh_from_db()
    assert live.title == "测试：已发布的标题"
    assert not live.departments.exists()
    public = client.get(live.get_absolute_url()).content.decode()
    assert "测试：已发布的标题" in public and "测试：修改后的标题" not in public

    form_page = author.get(change_url(live)).content.decode()
    assert "尚未签发" in form_page
    assert 'value="测试：修改后的标题"' in form_page
    preview = author.get(preview_url(live)).content.decode()
    assert "测试：修改后的标题" in preview

    post_form(author, live, "submit")
    post_form(reviewer, live, "approve")
    assert post_form(signer, live, "sign").status_code == 302

    live.refresh_from_db()
    assert live.title == "测试：修改后的标题"
    assert list(live.departments.all()) == [department]
    assert ReviewState.objects.for_object(live).get().pending_data is None
    assert "测试：修改后的标题" in client.get(live.get_absolute_url()).content.decode()
    assert "尚未签发" not in author.get(change_url(live)).content.decode()


def test_a_pending_edit_can_be_discarded(live, author):
    post_form(author, live, title="测试：不要了的修改")

    response = author.post(reverse("admin:news_article_discard", args=[live.pk]), follow=True)

    assert "已放弃待签发的修改" in response.content.decode()
    assert 'value="测试：已发布的标题"' in author.get(change_url(live)).content.decode()
    assert WorkflowStep.objects.filter(object_id=live.pk, action="discard").exists()
    history = author.get(reverse("admin:news_article_history", args=[live.pk])).content.decode()
    assert "放弃待签发的修改" in history


def test_the_preview_button_renders_the_posted_form_without_saving(live, author):
    data = admin_form_data(author.get(change_url(live)))
    data.update(title="测试：只是预览的标题", body="<p>只是预览的正文。</p>")

    response = author.post(preview_url(live), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "测试：只是预览的标题" in html and "只是预览的正文。" in html
    live.refresh_from_db()
    assert live.title == "测试：已发布的标题"
    assert ReviewState.objects.for_object(live).first() is None


def test_a_preview_of_an_invalid_form_says_what_is_wrong_and_saves_nothing(live, author):
    data = admin_form_data(author.get(change_url(live)))
    data.update(title="")

    response = author.post(preview_url(live), data)

    assert response.status_code == 400
    assert "表单有错误，无法预览" in response.content.decode()


def test_a_draft_is_saved_as_usual_under_the_workflow(news_workflow, author):
    draft = ArticleFactory(draft=True, title="测试：草稿")
    post_form(author, draft, title="测试：草稿改过")
    draft.refresh_from_db()
    assert draft.title == "测试：草稿改过"
    assert draft.status == Article.Status.DRAFT


def test_without_the_workflow_an_edit_of_a_live_article_goes_live_at_once(author):
    article = ArticleFactory(title="测试：直接发布的文章")
    post_form(author, article, title="测试：直接改好了")
    article.refresh_from_db()
    assert article.title == "测试：直接改好了"


def test_under_the_workflow_only_a_signer_reverts_or_recovers(news_workflow, author, signer):
    """Reverting writes the record at once, live or not: under the workflow that is a signer's call."""
    article = ArticleFactory(title="测试：旧标题")
    with reversion.create_revision():
        article.save()
    version = Version.objects.get_for_object(article).get()
    revert = reverse("admin:news_article_revision", args=[article.pk, version.pk])
    recover = reverse("admin:news_article_recover", args=[version.pk])

    assert author.get(revert).status_code == 403
    assert author.get(recover).status_code == 403
    assert signer.get(revert).status_code == 200


def test_equipment_and_service_pages_preview_their_pending_version(client):
    from django.contrib.contenttypes.models import ContentType

    from apps.equipment.models import Equipment
    from apps.pages.models import ServicePage
    from apps.workflow.models import WorkflowSetting
    from tests.factories import EquipmentFactory, content_admin

    client.force_login(content_admin())
    device = EquipmentFactory(name="测试：已发布的设备", status="published")
    page = ServicePage.objects.create(title="测试：已发布的服务页", body="<p>正文</p>", status="published")
    for record, field in ((device, "name"), (page, "title")):
        WorkflowSetting.objects.create(content_type=ContentType.objects.get_for_model(type(record)))
        assert post_form(client, record, **{field: "测试：待签发的名称"}).status_code == 302
        record.refresh_from_db()
        assert getattr(record, field).startswith("测试：已发布的")
        opts = record._meta
        preview = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[record.pk]))
        assert "测试：待签发的名称" in preview.content.decode()
    assert Equipment.objects.get(pk=device.pk).name == "测试：已发布的设备"


def test_visitors_get_the_cached_page_until_the_edit_is_signed(live, author, reviewer, signer, client, page_cache):
    client.get(live.get_absolute_url())
    post_form(author, live, title="测试：修改后的标题")
    post_form(author, live, "submit")
    post_form(reviewer, live, "approve")

    # Opening the form, keeping the edit aside, reviewing: nothing a visitor sees, so the page stays cached.
    waiting = client.get(live.get_absolute_url())
    assert waiting["X-Cache"] == "hit"
    assert "测试：修改后的标题" not in waiting.content.decode()

    post_form(signer, live, "sign")
    assert "测试：修改后的标题" in client.get(live.get_absolute_url()).content.decode()
