"""错敏字与医疗广告合规检查: hits shown in context with their rule; restricted words stop publishing until a signer
gives a reason, recorded in the history; reminders never block."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.news.models import Article
from apps.workflow.compliance import check_record
from apps.workflow.models import ComplianceRule, WorkflowStep
from tests.factories import ArticleFactory, ArticleImageFactory, DepartmentFactory, communications_editor, content_admin
from tests.helpers import admin_form_data

from .conftest import change_url, post_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_rules")]

RESTRICTED_BODY = "<p>测试科室的新疗法可以根治这种测试病，是全市第一家开展的。</p>"


def test_the_default_lists_hold_the_advertising_rules_and_the_mistyped_names():
    block = set(ComplianceRule.objects.filter(severity="block").values_list("phrase", flat=True))
    warn = set(ComplianceRule.objects.filter(severity="warn").values_list("phrase", flat=True))
    assert {"保证治愈", "根治", "无效退款", "治愈率", "有效率", "最佳"} <= block
    assert {"国家级", "衡阳中心医院", "秘尿外科"} <= warn
    assert any(phrase.startswith("第一(?!批") for phrase in warn)  # "第一批", "第一附属医院" are no claims
    assert ComplianceRule.objects.get(kind="testimonial").severity == "block"


def test_hits_are_found_in_title_body_and_captions_with_their_context():
    article = ArticleFactory(title="测试：有效率很高", body=RESTRICTED_BODY)
    ArticleImageFactory(article=article, caption="测试患者说保证治愈")

    hits = {(hit.field, hit.match): hit for hit in check_record(article)}

    assert ("标题", "有效率") in hits
    assert ("正文", "根治") in hits
    assert ("图片说明", "保证治愈") in hits
    assert ("正文", "第一") in hits and not hits[("正文", "第一")].blocks
    assert hits[("正文", "根治")].before.endswith("新疗法可以")
    assert hits[("正文", "根治")].after.startswith("这种测试病")
    assert "医疗广告管理办法" in hits[("正文", "根治")].rule.rule


def test_a_patient_outcome_testimonial_is_restricted():
    department = DepartmentFactory(introduction="<p>测试患者经治疗后效果良好，两年来未再复发。</p>")
    hits = check_record(department)
    assert [(hit.match, hit.blocks) for hit in hits] == [("未再复发", True)]
    assert "患者的名义" in hits[0].rule.rule


def test_submitting_shows_the_hits_and_does_not_block(news_workflow, author):
    article = ArticleFactory(draft=True, body=RESTRICTED_BODY)

    response = post_form(author, article, "submit")

    assert response.status_code == 302
    page = author.get(change_url(article))
    html = page.content.decode()
    assert "合规检查发现 2 处需要注意的用语" in " ".join(str(m) for m in page.context["messages"])
    assert "合规检查（错敏字与医疗广告用语）" in html
    assert "新疗法可以<mark>根治</mark>这种测试病" in html
    assert "依据：《医疗广告管理办法》第七条第（二）项" in html


def test_a_restricted_word_blocks_signing_until_a_signer_gives_a_reason(news_workflow, author, reviewer, signer):
    article = ArticleFactory(draft=True, body=RESTRICTED_BODY)
    post_form(author, article, "submit")
    post_form(reviewer, article, "approve")

    refused = post_form(signer, article, "sign")
    assert "合规检查发现 1 处限制用语（根治），不能发布" in refused.content.decode()
    assert "合规放行理由" in refused.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    signed = post_form(signer, article, "sign", compliance_override="测试：转载媒体报道原文，不作改动。")
    assert signed.status_code == 302
    article.refresh_from_db()
    assert article.is_live
    override = WorkflowStep.objects.get(object_id=article.pk, action="override")
    assert "测试：转载媒体报道原文" in override.comment and "根治" in override.comment
    history = signer.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    assert "合规检查放行" in history and "放行理由：测试：转载媒体报道原文" in history


def test_reminders_do_not_block(news_workflow, author, reviewer, signer):
    article = ArticleFactory(draft=True, body="<p>测试：第一次开展这项测试。</p>")
    post_form(author, article, "submit")
    post_form(reviewer, article, "approve")
    assert post_form(signer, article, "sign").status_code == 302
    article.refresh_from_db()
    assert article.is_live


def test_without_the_workflow_direct_publishing_is_checked_too(client):
    article = ArticleFactory(draft=True, body=RESTRICTED_BODY)
    client.force_login(communications_editor())
    refused = post_form(client, article, status="published", compliance_override="我想发布")
    assert "限制用语（根治），不能发布" in refused.content.decode()  # only a signer may override

    client.force_login(content_admin())
    assert post_form(client, article, status="published", compliance_override="测试：已核实").status_code == 302
    article.refresh_from_db()
    assert article.is_live


def test_content_admins_edit_the_word_lists_and_a_bad_pattern_is_refused(client):
    client.force_login(content_admin())
    add = reverse("admin:workflow_compliancerule_add")
    form = admin_form_data(client.get(add))
    bad = client.post(add, {**form, "phrase": "测试(", "is_pattern": "on", "rule": "测试规则"})
    assert "正则表达式有误" in bad.content.decode()
    assert client.post(add, {**form, "phrase": "测试禁词", "severity": "block", "rule": "测试规则"}).status_code == 302
    assert [hit.match for hit in check_record(ArticleFactory(title="含测试禁词的标题"))] == ["测试禁词"]


def test_the_command_reports_todays_content():
    DepartmentFactory(name="测试皮肤科", introduction="<p>测试患者两年来未再复发。</p>")
    ArticleFactory(title="测试：衡阳中心医院举办活动")
    out = io.StringIO()

    call_command("check_compliance", stdout=out)

    report = out.getvalue()
    assert "[限制] 科室“测试皮肤科” 科室介绍：…测试患者两年来【未再复发】。…" in report
    assert "[提醒] 新闻“测试：衡阳中心医院举办活动”" in report and "建议写作“衡阳市中心医院”" in report
    assert "共 2 处，其中限制 1 处、提醒 1 处。" in report
