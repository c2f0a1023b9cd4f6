"""CKEditor 5 in the admin, for real: a 内容管理员 writes a heading, a list and a link, uploads an image through
the editor, saves, and the department's introduction holds them; the editor runs under the admin's CSP with
no console error (a licence-key refusal included)."""

import re

import pytest
from playwright.sync_api import expect

from apps.core.richtext import clean_html
from apps.departments.models import Department
from tests.browser.ckeditor import Editor
from tests.conftest import DESKTOP
from tests.factories import PASSWORD, content_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def console_problems(page):
    """Console errors, page errors and any word about CKEditor's licence, collected while the test runs."""
    problems = []

    def on_console(message):
        url = (message.location or {}).get("url", "")
        # Browsers ask for /favicon.ico by themselves; the admin has none, and that is not the editor's doing.
        if message.type == "error" and not url.endswith("/favicon.ico"):
            problems.append(f"console error: {message.text} ({url})")
        elif "license" in message.text.lower() or "ckeditor-error" in message.text.lower():
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def test_a_content_admin_writes_and_illustrates_a_department_introduction(
    page, live_server, settings, tmp_path, console_problems, artifacts_dir
):
    settings.MEDIA_ROOT = tmp_path / "media"
    content_admin(username="browser-editor")
    department = Department.objects.create(name="示例科室", introduction="")
    change_url = f"/admin/departments/department/{department.pk}/change/"
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/admin/login/?next={change_url}")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    response = page.reload()
    assert page.url == live_server.url + change_url

    # The admin's policy: scripts from this site only, whatever the editor needs for styles and images.
    policy = dict(
        directive.strip().split(" ", 1) for directive in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in policy.get("script-src", "") + policy.get("default-src", "")

    field = page.locator(".field-introduction")
    editor = Editor(page, field)
    toolbar, editable = editor.toolbar, editor.editable
    expect(toolbar).to_be_visible()
    expect(editable).to_be_visible()
    tooltips = toolbar.locator("[data-cke-tooltip-text]").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-cke-tooltip-text'))"
    )
    for label in ("标题", "加粗 (Ctrl+B)", "项目符号列表", "插入图像", "插入表格"):
        assert label in tooltips, tooltips

    editable.click()
    editor.heading("示例标题")
    editor.bulleted_list("第一项", "第二项")
    editor.paragraph_with_link("请看示例链接", "https://example.org/")
    assert toolbar.locator("input[type=file]").get_attribute("accept") == "image/jpeg,image/png,image/gif,image/webp"
    editor.upload_image("示例图片.png", (640, 480))
    counter = field.locator("[id$='-word-count']")
    expect(counter).to_contain_text("字符")  # Chinese has no spaces between words: characters, not words
    expect(counter).not_to_contain_text("单词")
    page.screenshot(path=str(artifacts_dir / "ckeditor-department.png"), full_page=True)

    with page.expect_navigation():
        page.click('input[name="_save"]')
    expect(page.locator(".messagelist .success")).to_be_visible()

    introduction = Department.objects.get(pk=department.pk).introduction
    assert "<h2>示例标题</h2>" in introduction
    assert re.search(r"<ul><li[^>]*>第一项</li><li[^>]*>第二项</li></ul>", introduction), introduction
    assert re.search(r'<a href="https://example\.org/"[^>]*>示例链接', introduction), introduction
    image_url = re.search(r'<img[^>]+src="(/media/editor/\d{4}/\d{2}/[0-9a-f]{32}\.png)"', introduction).group(1)
    assert (tmp_path / "media" / image_url.removeprefix("/media/")).is_file()
    # What the editor produced passes the public pages' allow-list with its content intact.
    shown = clean_html(introduction)
    assert "<h2>示例标题</h2>" in shown
    assert "<ul><li>第一项</li><li>第二项</li></ul>" in shown
    assert re.search(r'<a href="https://example\.org/" rel="noopener noreferrer">示例链接', shown), shown
    assert f'<figure class="image"><img src="{image_url}" width="640" height="480" alt=""></figure>' in shown
    assert console_problems == []
