"""A 宣传科 editor writes an illustrated article in CKEditor 5, previews the draft, schedules it,
publishes it, and visitors see it; the same editor cannot open the departments admin."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.news.models import Article, Category
from tests.browser.ckeditor import Editor
from tests.factories import PASSWORD, communications_editor
from tests.journeys.conftest import both_sizes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, next_url):
    page.goto(f"{base_url}/admin/login/?next={next_url}")
    page.fill("#id_username", "xuanchuan")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


@both_sizes
def test_communications_editor_writes_schedules_and_publishes_an_illustrated_article(
    page, browser, live_server, settings, tmp_path, artifacts_dir, viewport
):
    settings.MEDIA_ROOT = tmp_path / "media"
    communications_editor(username="xuanchuan")
    Category.objects.create(name="医院新闻")
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, "/admin/news/article/add/")
    assert page.url.endswith("/admin/news/article/add/")

    page.fill("#id_title", "示例：我院开展义诊活动")
    page.select_option("#id_category", label="医院新闻")
    field = page.locator(".field-body")
    editor = Editor(page, field)
    toolbar, editable = editor.toolbar, editor.editable
    expect(toolbar).to_be_visible()
    editable.click()
    editor.heading("活动现场")
    page.keyboard.type("示例正文：专家为群众提供健康咨询。")
    page.keyboard.press("Enter")
    editor.bulleted_list("示例：测量血压", "示例：健康咨询")
    editor.paragraph_with_link("详见医院概况", "/about/")
    editor.upload_image("photo.png", (800, 600))

    # Saved as a draft first: the editor previews it, visitors do not see it.
    page.select_option("#id_status", value="draft")
    with page.expect_navigation():
        page.click('input[name="_continue"]')
    article = Article.objects.get(title="示例：我院开展义诊活动")
    assert "<h2>活动现场</h2>" in article.body
    assert re.search(r"<ul><li[^>]*>示例：测量血压</li><li[^>]*>示例：健康咨询</li></ul>", article.body), article.body
    assert re.search(r'<a href="/about/"[^>]*>医院概况</a>', article.body), article.body
    assert re.search(r'<img[^>]+src="/media/editor/', article.body)
    preview = page.context.new_page()
    preview.goto(live_server.url + article.get_absolute_url())
    expect(preview.locator("body")).to_contain_text("预览：此文章尚未发布")
    expect(preview.locator("article img").first).to_be_visible()
    preview.close()

    visitor = browser.new_context(viewport=viewport).new_page()
    assert visitor.goto(live_server.url + article.get_absolute_url()).status == 404

    # Scheduled for tomorrow: still hidden from visitors.
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page.select_option("#id_status", value="published")
    page.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", tomorrow.strftime("%H:%M:%S"))
    with page.expect_navigation():
        page.click('input[name="_continue"]')
    expect(page.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.is_scheduled
    assert visitor.goto(live_server.url + "/news/").ok
    expect(visitor.locator("main")).not_to_contain_text("示例：我院开展义诊活动")

    # Published now: it appears on the news list and its page, with the uploaded picture.
    now = timezone.localtime() - datetime.timedelta(minutes=1)
    page.fill("#id_published_at_0", now.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", now.strftime("%H:%M:%S"))
    with page.expect_navigation():
        page.click('input[name="_save"]')
    expect(page.locator(".messagelist .success")).to_be_visible()
    visitor.goto(live_server.url + "/news/")
    visitor.get_by_role("link", name="示例：我院开展义诊活动").first.click()
    expect(visitor.locator("h1")).to_have_text("示例：我院开展义诊活动")
    body = visitor.locator("article")
    expect(body.locator("h2", has_text="活动现场")).to_be_visible()
    expect(body.locator("li", has_text="示例：健康咨询")).to_be_visible()
    body.get_by_role("link", name="医院概况").click()
    expect(visitor).to_have_url(live_server.url + "/about/")
    visitor.go_back()
    size = "phone" if viewport["width"] < 760 else "desktop"
    visitor.screenshot(path=str(artifacts_dir / f"news-published-by-editor-{size}.png"), full_page=True)

    # The same editor has no business in the departments admin.
    response = page.goto(live_server.url + "/admin/departments/department/")
    assert response.status == 403
