"""The admin speaks Chinese: every page a 内容管理员 opens (index, each app, each model's list, add,
change, history and deleted-records pages, import and export) shows no English word outside a short
list of product and format names.

What is checked is the text a person reads: the page's text nodes and its title, without scripts,
styles, SVG and attribute values (the HTML's own class names and URLs are not read by anyone).
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from apps.core.roles import CONTENT_ADMIN
from tests import factories
from tests.helpers import inline_code, text_of

pytestmark = pytest.mark.django_db

# Names of products, formats and standards an editor reads as they are.
ALLOWED = {"CKEditor", "Excel", "xlsx", "iCal", "URL", "HTTPS", "https", "http", "www", "PDF", "Word", "JPEG"}
ALLOWED |= {"PNG", "WebP", "GIF", "WeChat", "ICP", "Django"}
# A letter after a digit is a unit (3.0T, 64排), not a word.
WORD = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z][A-Za-z'’]*")
# Data rather than interface: slugs, web and e-mail addresses, file names.
DATA = re.compile(r"\S*(?:://|@|\.[a-z]{2,4}\b|[a-z0-9]+-[a-z0-9-]+)\S*")


class _VisibleText(HTMLParser):
    """Text nodes, without what is never shown: scripts, styles, SVG, field values, `hidden` elements."""

    NEVER_SHOWN = {"script", "style", "svg", "template", "noscript", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._hidden_tag = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if self._hidden_tag:
            self._depth += tag == self._hidden_tag
            return
        attributes = dict(attrs)
        if tag in self.NEVER_SHOWN or "hidden" in attributes or "hidden" in (attributes.get("class") or "").split():
            self._hidden_tag, self._depth = tag, 1

    def handle_endtag(self, tag):
        if self._hidden_tag == tag:
            self._depth -= 1
            if not self._depth:
                self._hidden_tag = None

    def handle_data(self, data):
        if not self._hidden_tag:
            self.parts.append(data)


def english_words(html):
    """The English words a reader sees on the page, data such as slugs and addresses left out."""
    reader = _VisibleText()
    reader.feed(html)
    text = DATA.sub(" ", " ".join(reader.parts))
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


def admin_urls(user):
    """Every admin page this user may open, with one existing record per model."""
    urls = [reverse("admin:index")]
    request = RequestFactory().get(reverse("admin:index"))
    request.user = user
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        opts = model._meta
        model_admin = admin.site.get_model_admin(model)
        if not model_admin.has_view_permission(request):
            continue
        name = f"admin:{opts.app_label}_{opts.model_name}"
        urls.append(reverse("admin:app_list", args=[opts.app_label]))
        urls.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{name}_add"))
        record = model_admin.get_queryset(request).first()
        if record is not None:
            urls += [reverse(f"{name}_change", args=[record.pk]), reverse(f"{name}_history", args=[record.pk])]
        # Recovering, importing and bulk 停诊 add records: only for those who may add.
        extras = (
            ("export", "recoverlist", "import", "bulk_cancel")
            if model_admin.has_add_permission(request)
            else ("export",)
        )
        for extra in extras:
            try:
                urls.append(reverse(f"{name}_{extra}"))
            except NoReverseMatch:
                continue
    return list(dict.fromkeys(urls))


@pytest.fixture
def editor(client):
    """A 内容管理员 (named in Chinese: the name is on every page) and one synthetic record of each kind."""
    user = factories.UserFactory(username="内容编辑", roles=[CONTENT_ADMIN])
    client.force_login(user)
    department = factories.DepartmentFactory()
    for factory in (factories.DesignationFactory, factories.CentreFactory, factories.ConditionFactory):
        factory(departments=[department])
    expert = factories.ExpertFactory(primary_department=department)
    factories.WeeklySessionFactory(expert=expert)
    factories.ScheduleExceptionFactory(expert=expert, date="2030-01-01")
    factories.WorkstationFactory(lead_expert=expert)
    factories.DesignationCountFactory()
    factories.EquipmentFactory(departments=[department])
    article = factories.ArticleImageFactory().article
    article.departments.add(department)
    article.experts.add(expert)
    factories.HospitalNameFactory()
    factories.KeyFigureValueFactory()
    factories.MilestoneFactory()
    factories.HonourFactory()
    return user


def test_every_admin_page_a_content_admin_opens_is_in_chinese(client, editor):
    urls = admin_urls(editor)
    assert len(urls) > 60
    found = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        if words := english_words(response.content.decode()):
            found[url] = words
    print("\n".join(f"{u}: {w}" for u, w in found.items()))
    assert found == {}


def test_the_permission_denied_page_is_in_chinese(client, editor):
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert english_words(response.content.decode()) == []


def test_the_check_finds_english():
    assert english_words("<p>Select all</p><script>var x</script><a href='/x/'>导出</a>") == ["Select", "all"]
    assert english_words("<td>shen-jing-wai-ke</td><td>https://example.org/a</td><p>CKEditor</p>") == []
    assert (
        english_words('<div class="form-row hidden"><label>Edit token</label><input></div><textarea>p</textarea>') == []
    )


def test_link_tables_have_chinese_names_in_inlines_and_delete_pages(client, editor):
    department = factories.DepartmentFactory(name="测试链接科室")
    designation = factories.DesignationFactory(name="测试链接称号", departments=[department])
    article = factories.ArticleFactory(title="测试链接新闻")
    article.departments.add(department)

    change = client.get(reverse("admin:departments_department_change", args=[department.pk])).content.decode()
    delete = client.get(reverse("admin:news_article_delete", args=[article.pk])).content.decode()

    assert f"{designation}：测试链接科室" in change
    assert "object (" not in change
    assert "新闻的相关科室: 测试链接新闻：测试链接科室" in text_of(delete)
    assert "relationship" not in delete and "关系" not in delete


def test_the_export_page_needs_no_inline_handler_and_names_columns_as_excel_does(client, editor):
    html = client.get(reverse("admin:experts_weeklysession_export")).content.decode()

    assert inline_code(html) == []
    assert "js/admin-export.js" in html
    assert '<label for="select-all-toggle">全选</label>' in html
    assert '<label for="id_weeklysessionresource_room">诊室</label>' in html


def test_the_login_records_an_administrator_sees_are_named_in_chinese(admin_client):
    page = text_of(admin_client.get(reverse("admin:index")).content.decode())
    assert "登录安全记录" in page
    assert "axes" not in page.lower()
