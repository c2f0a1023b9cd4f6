"""A page an editor may not open answers 403 with a Chinese page in the admin's look and a way back."""

import pytest
from django.urls import reverse

from tests.factories import communications_editor
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = communications_editor()
    client.force_login(user)
    return user


def test_a_page_beyond_the_editors_role_is_a_chinese_403_in_the_admins_look(client, editor):
    response = client.get(reverse("admin:experts_expert_changelist"))

    assert response.status_code == 403
    html = response.content.decode()
    text = text_of(html)
    assert "403 Forbidden" not in html
    assert "您的账号没有打开这个页面的权限。" in text
    assert "衡阳市中心医院 网站管理" in text  # the admin's header
    assert "admin/css/base.css" in html
    assert f'<a href="{reverse("admin:index")}">返回管理首页</a>' in html


def test_the_403_page_links_back_to_the_page_the_editor_came_from_on_this_site(client, editor):
    news = "http://testserver" + reverse("admin:news_article_changelist")
    came_from_here = client.get(reverse("admin:auth_user_changelist"), HTTP_REFERER=news).content.decode()
    came_from_elsewhere = client.get(
        reverse("admin:auth_user_changelist"), HTTP_REFERER="https://elsewhere.example/"
    ).content.decode()

    assert f'<a href="{news}">返回上一页</a>' in came_from_here
    assert "返回上一页" not in came_from_elsewhere
    assert "elsewhere.example" not in came_from_elsewhere
