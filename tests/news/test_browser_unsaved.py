"""In the browser: the article form warns before leaving with unsaved changes, in fields and in CKEditor alike."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.factories import PASSWORD, ArticleFactory, communications_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article_form(page, live_server, settings):
    """The change form of a draft, opened by a 宣传科 editor who logged in through the admin's login page."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    communications_editor(username="xuanchuan-browser")
    article = ArticleFactory(draft=True, title="浏览器测试草稿")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/login/?next=/admin/news/article/{article.pk}/change/")
    page.fill("#id_username", "xuanchuan-browser")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".ck-editor__editable")
    yield page
    assert errors == []


def leaving_asks_first(page):
    """Closes the page the way a browser tab is closed, and tells whether a leave-page warning appeared."""
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.once("dialog", answer)
    page.close(run_before_unload=True)
    with contextlib.suppress(PlaywrightError):  # closed at once: nothing asked to stay
        page.wait_for_timeout(500)
    return dialogs == ["beforeunload"]


def test_untouched_form_can_be_left_without_a_warning(article_form):
    assert not leaving_asks_first(article_form)


def test_typing_a_title_arms_the_warning(article_form):
    article_form.fill("#id_title", "改过的标题")

    assert leaving_asks_first(article_form)


def test_typing_in_the_rich_text_editor_arms_the_warning(article_form):
    article_form.click(".ck-editor__editable")
    article_form.keyboard.type("新增的正文")

    assert leaving_asks_first(article_form)


def test_saving_disarms_the_warning(article_form):
    article_form.fill("#id_title", "保存后的标题")
    with article_form.expect_navigation():
        article_form.click("input[name=_continue]")

    assert "保存后的标题" in article_form.content()
    assert not leaving_asks_first(article_form)
