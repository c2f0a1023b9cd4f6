"""What a service page (就医指南, 预约挂号, 联系我们…) puts into the site search.

Search does not import pages (docs/architecture.md), so pages registers its model with the index here.
"""

from django.db.models import Prefetch

from apps.core.richtext import plain_text
from apps.media.models import Attachment
from apps.search.documents import Indexed, Source, publishable_state, register
from apps.search.models import SearchDocument

from .models import ServiceLink, ServicePage

# What a page of each purpose shows besides its text (the blocks filled in from 医院信息), in the words
# patients search with: 挂号 finds 预约挂号, 地址 and 电话 find 联系我们.
PURPOSE_WORDS = {
    ServicePage.Purpose.BOOKING: ("预约挂号", "挂号", "预约", "预约渠道", "网上预约", "电话预约"),
    ServicePage.Purpose.CONTACT: ("联系电话", "电话", "地址", "院区", "交通指引", "急诊电话"),
    ServicePage.Purpose.GUIDE: ("就医指南", "就诊流程", "便民服务"),
    ServicePage.Purpose.DISCLOSURE: ("院务公开", "信息公开"),
}


def prepare_service_pages(queryset):
    return queryset.prefetch_related(
        Prefetch("links", queryset=ServiceLink.objects.only("id", "page_id", "title", "description")),
        Prefetch("attachments", queryset=Attachment.objects.only("id", "title", "content_type_id", "object_id")),
    )


def describe_service_page(page):
    published, publish_at = publishable_state(page)
    body = plain_text(page.body)
    links = list(page.links.all())
    purpose_words = PURPOSE_WORDS.get(page.purpose, ())
    return Source(
        kind=SearchDocument.Kind.SERVICE,
        title=page.title,
        url=page.get_absolute_url(),
        names=[page.get_purpose_display()] if page.purpose and page.get_purpose_display() != page.title else [],
        keywords=[text for text in (page.summary, " ".join(purpose_words)) if text],
        body=[
            body,
            *(f"{link.title} {link.description}" for link in links),
            *(attachment.title for attachment in page.attachments.all()),
        ],
        text=[
            text
            for text in (
                page.summary,
                body,
                *(f"相关链接：{link.title}。{link.description}" for link in links),
            )
            if text and text.strip()
        ],
        summary=page.summary or body,
        terms=[page.title],
        published=published,
        publish_at=publish_at,
    )


def connect():
    register(Indexed(ServicePage, prepare_service_pages, describe_service_page))
