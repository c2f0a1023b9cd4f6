"""Three members of the 宣传科 take an article through 撰稿 → 审核 → 签发 in a real browser: submitted, sent back
with a comment, resubmitted, approved, held by the compliance check until the signer gives a reason, signed
for a later time, and shown to visitors when that time comes; an edit of the live article stays unseen until
signed. The workflow's admin pages pass axe."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from playwright.sync_api import expect

from apps.core.roles import AUTHOR, REVIEWER, SIGNER
from apps.news.models import Article, Category
from apps.workflow.models import ComplianceRule, WorkflowSetting
from tests.browser.ckeditor import Editor
from tests.conftest import DESKTOP
from tests.factories import PASSWORD, UserFactory
from tests.journeys.conftest import AXE_JS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "示例：审核流程中的新闻"


def desk(browser, live_server, username):
    """A logged-in admin tab of one member of the 宣传科 (the CSP let through for axe's injected script only)."""
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    return page


def axe_problems(page, *selectors):
    """axe's serious and critical violations inside the workflow's own parts of an admin page.

    The rest of the admin (its breadcrumbs, the lookup widgets) is the admin's own and checked elsewhere.
    """
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "(selectors) => axe.run({include: selectors.map((s) => [s])}, {resultTypes: ['violations']})",
        list(selectors),
    )
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def step(page, label):
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def open_from_queue(page, live_server):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="待我审核").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()


def test_submit_send_back_resubmit_approve_sign_with_a_schedule_and_an_override(browser, live_server):
    # A transactional test may run after the migrations' rows were flushed: the settings are made here.
    WorkflowSetting.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Article), defaults={"enabled": True}
    )
    ComplianceRule.objects.update_or_create(
        phrase="根治", is_pattern=False, defaults={"severity": "block", "rule": "《医疗广告管理办法》第七条第（二）项"}
    )
    Category.objects.create(name="医院新闻")
    for username, role in (("zhuangao", AUTHOR), ("shenhe", REVIEWER), ("qianfa", SIGNER)):
        UserFactory(username=username, roles=[role])
    author = desk(browser, live_server, "zhuangao")
    reviewer = desk(browser, live_server, "shenhe")
    signer = desk(browser, live_server, "qianfa")

    author.goto(f"{live_server.url}/admin/news/article/add/")
    author.fill("#id_title", TITLE)
    author.select_option("#id_category", label="医院新闻")
    editor = Editor(author, author.locator(".field-body"))
    editor.editable.click()
    author.keyboard.type("示例正文：新疗法可以根治这种病。")
    expect(author.locator("#id_status")).to_be_disabled()
    author.fill("#id_workflow_comment", "请审核")
    step(author, "保存并提交审核")
    expect(author.locator(".messagelist")).to_contain_text("合规检查发现 1 处")
    assert Article.objects.get(title=TITLE).status == Article.Status.DRAFT

    open_from_queue(reviewer, live_server)
    assert axe_problems(reviewer, ".workflow-status", ".workflow-actions", ".compliance-check") == []
    reviewer.fill("#id_workflow_comment", "示例：请删去“根治”这类保证疗效的说法。")
    step(reviewer, "退回修改")

    author.goto(f"{live_server.url}/admin/news/article/{Article.objects.get(title=TITLE).pk}/change/")
    expect(author.locator(".workflow-status")).to_contain_text("已退回修改")
    expect(author.locator(".workflow-comment")).to_contain_text("请删去“根治”这类保证疗效的说法")
    step(author, "保存并提交审核")

    open_from_queue(reviewer, live_server)
    step(reviewer, "审核通过")

    open_from_queue(signer, live_server)
    at = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    signer.fill("#id_published_at_0", at.strftime("%Y-%m-%d"))
    signer.fill("#id_published_at_1", at.strftime("%H:%M:%S"))
    step(signer, "签发（按发布时间发布，将来的时间即定时发布）")
    expect(signer.locator(".errorlist.nonfield")).to_contain_text("限制用语（根治），不能发布")
    expect(signer.locator(".compliance-check")).to_contain_text("新疗法可以根治这种病")
    assert axe_problems(signer, ".workflow-status", ".workflow-actions", ".compliance-check", ".errornote") == []
    signer.fill("#id_compliance_override", "示例：经核实为转载原文。")
    signer.fill("#id_published_at_0", at.strftime("%Y-%m-%d"))
    signer.fill("#id_published_at_1", at.strftime("%H:%M:%S"))
    step(signer, "签发（按发布时间发布，将来的时间即定时发布）")
    expect(signer.locator(".messagelist .success")).to_be_visible()

    article = Article.objects.get(title=TITLE)
    assert article.is_scheduled
    visitor = browser.new_context(viewport=DESKTOP).new_page()
    assert visitor.goto(live_server.url + article.get_absolute_url()).status == 404
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        visitor.goto(live_server.url + "/news/")
        expect(visitor.locator("main")).to_contain_text(TITLE)
        visitor.get_by_role("link", name=TITLE).first.click()
        expect(visitor.locator("h1")).to_have_text(TITLE)

    signer.goto(f"{live_server.url}/admin/news/article/{article.pk}/history/")
    history = signer.locator("#content-main")
    for text in ("提交审核", "退回修改", "审核通过", "签发", "合规检查放行", "示例：经核实为转载原文。", "定时发布："):
        expect(history).to_contain_text(text)
    assert axe_problems(signer, "#change-history", ".module:has(#workflow-steps)") == []
    signer.get_by_role("link", name="对比上一版本").first.click()
    expect(signer.locator("h1")).to_have_text("对比版本")
    assert axe_problems(signer, "#content-main") == []


def test_an_edit_of_a_live_article_stays_invisible_until_signed(browser, live_server):
    WorkflowSetting.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Article), defaults={"enabled": True}
    )
    category = Category.objects.create(name="医院新闻")
    article = Article.objects.create(
        title=TITLE, category=category, body="<p>示例：已发布的正文。</p>", status=Article.Status.PUBLISHED
    )
    UserFactory(username="neirong", roles=["内容管理员"])
    admin = desk(browser, live_server, "neirong")
    visitor = browser.new_context(viewport=DESKTOP).new_page()

    admin.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    admin.fill("#id_title", "示例：改过的标题")
    with admin.expect_navigation():
        admin.click('input[name="_continue"]')
    expect(admin.locator(".workflow-pending")).to_contain_text("尚未签发")
    expect(admin.locator("#id_title")).to_have_value("示例：改过的标题")
    visitor.goto(live_server.url + article.get_absolute_url())
    expect(visitor.locator("h1")).to_have_text(TITLE)

    with admin.expect_popup() as popup:
        admin.get_by_role("link", name="预览待签发的版本").click()
    expect(popup.value.locator("h1")).to_have_text("示例：改过的标题")

    for label in ("保存并提交审核", "审核通过", "签发（按发布时间发布，将来的时间即定时发布）"):
        admin.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
        step(admin, label)
        expect(admin.locator(".messagelist .success")).to_be_visible()
    visitor.goto(live_server.url + article.get_absolute_url())
    expect(visitor.locator("h1")).to_have_text("示例：改过的标题")
