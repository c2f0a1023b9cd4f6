"""上线检查: what a patient needs that is still missing, each item linked to the record an administrator edits.

It lives in pages, which may read every content app. Each check is one query or a few, whatever the amount
of data; the admin view shows the groups that still have items and the total.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.models import Campus, HospitalInfo
from apps.departments.models import Department
from apps.experts.models import Expert, WeeklySession
from apps.news.models import Article, ArticleImage

from .models import ServicePage

# The headings 院务公开 has under 《医疗卫生机构信息公开管理办法》; those with no content yet are not published.
DISCLOSURE_HEADINGS = (
    "机构基本概况",
    "科室分布与就医指引",
    "服务内容与服务流程",
    "公共卫生与应急处置服务",
    "医保、价格与收费",
    "健康科普",
    "招标采购",
    "行风建设与投诉渠道",
)


@dataclass
class Group:
    title: str
    items: list = field(default_factory=list)

    def add(self, label, url):
        self.items.append((label, url))


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def hospital_info_group():
    group = Group(_("医院信息"))
    info = HospitalInfo.objects.filter(pk=1).first()
    url = change_url(info) if info else add_url(HospitalInfo)
    info = info or HospitalInfo()
    for name in ("switchboard_phone", "emergency_phone", "booking_phone"):
        if not getattr(info, name):
            group.add(_("未填写%(field)s") % {"field": HospitalInfo._meta.get_field(name).verbose_name}, url)
    channels = ("booking_phone", "online_booking_url", "booking_hotlines", "wechat_account", "mini_program")
    if not any(getattr(info, name) for name in channels):
        group.add(_("未填写任何预约渠道（预约挂号电话、网上预约网址、电话预约热线、微信公众号或小程序）"), url)
    for name in ("icp_number", "public_security_number"):
        if not getattr(info, name):
            group.add(_("未填写%(field)s") % {"field": HospitalInfo._meta.get_field(name).verbose_name}, url)
    return group


def campus_group():
    group = Group(_("院区"))
    for campus in Campus.objects.all():
        missing = [
            str(Campus._meta.get_field(name).verbose_name)
            for name in ("address", "phone", "opening_hours")
            if not getattr(campus, name)
        ]
        if missing:
            group.add(
                _("%(campus)s：未填写%(fields)s") % {"campus": campus.name, "fields": "、".join(missing)},
                change_url(campus),
            )
    return group


def expert_groups():
    experts = (
        Expert.objects.in_directory()
        .annotate(has_sessions=Exists(WeeklySession.objects.filter(expert=OuterRef("pk"))))
        .only("name", "photo")
    )
    without_sessions, without_photo = Group(_("专家没有出诊时间")), Group(_("专家没有照片"))
    for expert in experts:
        if not expert.has_sessions:
            without_sessions.add(expert.name, change_url(expert))
        if not expert.photo:
            without_photo.add(expert.name, change_url(expert))
    return [without_sessions, without_photo]


def department_groups():
    departments = (
        Department.objects.visible()
        .annotate(has_campus=Exists(Department.campuses.through.objects.filter(department=OuterRef("pk"))))
        .only("name", "introduction")
    )
    without_introduction, without_campus = Group(_("科室没有介绍")), Group(_("科室没有所在院区"))
    for department in departments:
        if not department.introduction:
            without_introduction.add(department.name, change_url(department))
        if not department.has_campus:
            without_campus.add(department.name, change_url(department))
    return [without_introduction, without_campus]


def service_page_groups():
    pages = {page.purpose: page for page in ServicePage.objects.exclude(purpose="")}
    unpublished = Group(_("就医服务页面未发布"))
    for purpose, label in ServicePage.Purpose.choices:
        page = pages.get(purpose)
        if page is None:
            unpublished.add(_("没有用途为“%(purpose)s”的页面") % {"purpose": label}, add_url(ServicePage))
        elif not page.is_live:
            unpublished.add(page.title, change_url(page))
    disclosure = Group(_("院务公开缺少的栏目"))
    page = pages.get(ServicePage.Purpose.DISCLOSURE)
    present = headings_with_content(page.body) if page else set()
    url = change_url(page) if page else add_url(ServicePage)
    for heading in DISCLOSURE_HEADINGS:
        if heading not in present:
            disclosure.add(heading, url)
    return [unpublished, disclosure]


def headings_with_content(html):
    """The <h2> headings of a page body that have text before the next heading."""
    parts = re.split(r"<h2[^>]*>(.*?)</h2>", html or "", flags=re.S)
    found = set()
    for heading, content in zip(parts[1::2], parts[2::2], strict=True):
        if re.sub(r"<[^>]+>|&nbsp;|\s", "", content):
            found.add(re.sub(r"<[^>]+>", "", heading).strip())
    return found


def image_group():
    group = Group(_("图片没有替代文字"))
    covers = Article.objects.exclude(cover_image="").filter(cover_alt="").only("title")
    for article in covers:
        group.add(_("%(title)s（封面图片）") % {"title": article.title}, change_url(article))
    photos = ArticleImage.objects.exclude(image="").filter(alt_text="").select_related("article")
    for photo in photos:
        group.add(_("%(title)s（新闻图片）") % {"title": photo.article.title}, change_url(photo.article))
    return group


def launch_checklist():
    """The groups of missing facts, in the order a patient meets them; empty groups are left out."""
    groups = [
        hospital_info_group(),
        campus_group(),
        *service_page_groups(),
        *expert_groups(),
        *department_groups(),
        image_group(),
    ]
    return [group for group in groups if group.items]
