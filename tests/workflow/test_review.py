"""撰稿 → 审核 → 签发 for news: who may take each step, what each sees, and that nothing publishes around it."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from apps.core.roles import AUTHOR, CONTENT_ADMIN, REVIEWER, SIGNER
from apps.news.models import Article
from apps.workflow.models import ReviewState, WorkflowSetting, WorkflowStep
from tests.factories import ArticleFactory, CategoryFactory, content_admin
from tests.helpers import admin_form_data

from .conftest import change_url, post_form

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:workflow_reviewstate_changelist")


def state_of(article):
    return ReviewState.objects.for_object(article).get().state


def test_the_groups_of_the_three_duties_hold_their_permissions():
    assert set(Group.objects.get(name=REVIEWER).permissions.values_list("codename", flat=True)) >= {
        "review_content",
        "change_article",
    }
    reviewer = set(Group.objects.get(name=REVIEWER).permissions.values_list("codename", flat=True))
    signer = set(Group.objects.get(name=SIGNER).permissions.values_list("codename", flat=True))
    author = set(Group.objects.get(name=AUTHOR).permissions.values_list("codename", flat=True))
    admin_ = set(Group.objects.get(name=CONTENT_ADMIN).permissions.values_list("codename", flat=True))
    assert "sign_content" in signer and "sign_content" not in reviewer
    assert "review_content" not in signer
    assert not author & {"review_content", "sign_content"}
    assert {"add_article", "change_article", "add_uploadedimage"} <= author
    assert {"review_content", "sign_content"} <= admin_


def test_the_whole_journey_submit_send_back_resubmit_approve_sign_with_a_schedule(
    news_workflow, author, reviewer, signer, client
):
    category = CategoryFactory()
    add = reverse("admin:news_article_add")
    page = author.get(add)
    assert "保存并提交审核" in page.content.decode()
    data = admin_form_data(page)
    data.update(title="测试：审核流程中的新闻", category=category.pk, body="<p>合成的测试正文。</p>")
    data["_workflow"] = "submit"
    data["workflow_comment"] = "请审核"
    assert author.post(add, data).status_code == 302
    article = Article.objects.get(title="测试：审核流程中的新闻")
    assert article.status == Article.Status.DRAFT
    assert state_of(article) == ReviewState.State.SUBMITTED

    # The reviewer finds it in 待我审核; the signer does not yet.
    assert "测试：审核流程中的新闻" in reviewer.get(QUEUE).content.decode()
    assert "测试：审核流程中的新闻" not in signer.get(QUEUE).content.decode()
    assert author.get(QUEUE).status_code == 403

    # Sent back without a comment: refused; with one, the author sees it beside the form.
    refused = post_form(reviewer, article, "send_back")
    assert "退回修改时请填写审核意见" in refused.content.decode()
    assert state_of(article) == ReviewState.State.SUBMITTED
    assert post_form(reviewer, article, "send_back", "第二段的日期请核实。").status_code == 302
    assert state_of(article) == ReviewState.State.RETURNED
    form_page = author.get(change_url(article)).content.decode()
    assert "已退回修改" in form_page
    assert "第二段的日期请核实。" in form_page

    assert post_form(author, article, "submit", "已核实", body="<p>改过的测试正文。</p>").status_code == 302
    assert post_form(reviewer, article, "approve", "同意").status_code == 302
    assert state_of(article) == ReviewState.State.APPROVED
    assert "测试：审核流程中的新闻" in signer.get(QUEUE).content.decode()

    # Signed for tomorrow 08:00: scheduled, hidden until then, live at that time.
    at = timezone.localtime() + datetime.timedelta(days=1)
    at = at.replace(hour=8, minute=0, second=0, microsecond=0)
    signed = post_form(
        signer, article, "sign", published_at_0=at.strftime("%Y-%m-%d"), published_at_1=at.strftime("%H:%M:%S")
    )
    assert signed.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_scheduled
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert "测试：审核流程中的新闻" in client.get(article.get_absolute_url()).content.decode()

    steps = list(
        WorkflowStep.objects.filter(object_id=article.pk).order_by("created_at", "id").values_list("action", "comment")
    )
    assert [action for action, _ in steps] == ["submit", "send_back", "submit", "approve", "sign"]
    assert steps[1][1] == "第二段的日期请核实。"
    assert steps[4][1].startswith("定时发布：")
    history = signer.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    for text in ("审核记录", "zhuangao", "shenhe", "qianfa", "退回修改", "第二段的日期请核实。", "签发", "定时发布："):
        assert text in history


def test_no_one_skips_a_step(news_workflow, author, reviewer, signer):
    article = ArticleFactory(draft=True)

    assert "您没有审核权限" in post_form(author, article, "approve").content.decode()
    assert "只有审核通过（待签发）的内容才能签发" in post_form(signer, article, "sign").content.decode()
    post_form(author, article, "submit")
    assert "您没有签发权限" in post_form(reviewer, article, "sign").content.decode()
    assert "只有审核通过（待签发）的内容才能签发" in post_form(signer, article, "sign").content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_a_content_admin_does_all_three_steps(news_workflow, client):
    client.force_login(content_admin())
    article = ArticleFactory(draft=True)
    for step in ("submit", "approve", "sign"):
        assert post_form(client, article, step).status_code == 302
    article.refresh_from_db()
    assert article.is_live


def test_an_edit_after_approval_needs_a_new_review(news_workflow, author, reviewer, signer):
    article = ArticleFactory(draft=True)
    post_form(author, article, "submit")
    post_form(reviewer, article, "approve")

    post_form(author, article, title="批准后又改的标题")

    assert state_of(article) == ReviewState.State.SUBMITTED
    assert "只有审核通过（待签发）的内容才能签发" in post_form(signer, article, "sign").content.decode()


# --- every way around it is refused -------------------------------------------------------------


def test_a_direct_post_of_published_is_refused_on_add_and_change(news_workflow, author, signer):
    category = CategoryFactory()
    add = reverse("admin:news_article_add")
    data = admin_form_data(author.get(add))
    data.update(title="测试：想直接发布", category=category.pk, body="<p>正文</p>", status="published")
    response = author.post(add, data)
    assert "此类内容已开启审核流程，不能直接发布" in response.content.decode()
    assert not Article.objects.filter(title="测试：想直接发布").exists()

    article = ArticleFactory(draft=True)
    for client in (author, signer):  # even a signer publishes only by signing what was approved
        response = post_form(client, article, status="published")
        assert "此类内容已开启审核流程，不能直接发布" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_the_status_field_is_read_only_under_the_workflow(news_workflow, author):
    html = author.get(reverse("admin:news_article_add")).content.decode()
    assert 'name="status" disabled' in html or ('id="id_status"' in html and "disabled" in html)
    assert "已开启审核流程：内容经审核通过、由签发人签发后才发布。" in html


def test_publishing_from_the_list_is_refused(news_workflow, signer):
    article = ArticleFactory(draft=True)
    response = signer.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "新闻已开启审核流程，不能在列表中直接发布" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_a_bulk_edit_of_the_list_cannot_publish(db, client):
    """Service pages under the workflow: their list edits the order, and a posted status is not taken."""
    from django.contrib.contenttypes.models import ContentType

    from apps.pages.models import ServicePage

    WorkflowSetting.objects.create(content_type=ContentType.objects.get_for_model(ServicePage))
    page = ServicePage.objects.create(title="测试服务页", body="<p>正文</p>", status=ServicePage.Status.DRAFT)
    client.force_login(content_admin())
    response = client.post(
        reverse("admin:pages_servicepage_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": page.pk,
            "form-0-navigation_order": "3",
            "form-0-status": "published",
            "_save": "保存",
        },
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.status == ServicePage.Status.DRAFT


def test_switching_the_workflow_off_restores_direct_publishing(news_workflow, author):
    news_workflow.enabled = False
    news_workflow.save()
    article = ArticleFactory(draft=True)

    html = author.get(change_url(article)).content.decode()
    assert "保存并提交审核" not in html
    assert post_form(author, article, status="published").status_code == 302
    article.refresh_from_db()
    assert article.is_live


def test_an_administrator_switches_the_workflow_in_the_admin(client):
    client.force_login(content_admin())
    add = reverse("admin:workflow_workflowsetting_add")
    page = client.get(add).content.decode()
    assert "新闻" in page and "设备" in page
    from django.contrib.contenttypes.models import ContentType

    from apps.equipment.models import Equipment

    content_type = ContentType.objects.get_for_model(Equipment)
    assert client.post(add, {"content_type": content_type.pk, "enabled": "on"}).status_code == 302
    assert WorkflowSetting.objects.get(content_type=content_type).enabled
