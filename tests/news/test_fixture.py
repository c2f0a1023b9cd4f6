"""The hospital's real news content (fixtures/060_news.json): the 衡阳日报 review of the 120th anniversary."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from apps.news.models import Article, Category
from tests.content import loaded_once

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
FIXTURE = FIXTURES / "060_news.json"
# What the news content refers to by natural key: the departments and experts the review mentions.
NEEDED = [FIXTURES / "010_campuses.json", FIXTURES / "030_departments.json", FIXTURES / "040_experts.json"]
SLUG = "keng-qiang-qian-xing-shuang-jia-zi-feng-hua-zheng-mao-kan-jin-chao"
HEADINGS = [
    "党建领航，绘清廉底色 夯实医院高质量根基",
    "人才投入，强学科建设 铸就医院高水平技术",
    "提升服务，优就诊体验 推进医院高标准建设",
    "不忘初心，树“仁济”品牌 驱动医院高效能发展",
]
CAPTIONS = [
    "2020年2月24日，该院医疗团队在3D腹腔镜下行胰腺假性囊肿—空肠Rou-Y吻合内引流术。",
    "2021年11月26日，万峰院士开展换瓣加搭桥手术。",
    "衡阳市中心医院新院整体夜景鸟瞰效果图。",
    "医院外景。",
]


news_content = loaded_once(*(path.name for path in [*NEEDED, FIXTURE]))


@pytest.fixture
def review(news_content):
    return Article.objects.get(slug=SLUG)


def test_the_five_categories_exist_and_health_articles_need_review(review):
    assert list(Category.objects.values_list("name", "slug")) == [
        ("医院新闻", "yi-yuan-xin-wen"),
        ("媒体报道", "mei-ti-bao-dao"),
        ("通知公告", "tong-zhi-gong-gao"),
        ("党建工作", "dang-jian-gong-zuo"),
        ("健康科普", "jian-kang-ke-pu"),
    ]
    assert list(Category.objects.filter(requires_review=True).values_list("name", flat=True)) == ["健康科普"]


def test_review_is_a_published_media_report_from_the_hengyang_daily(review):
    assert review.is_live
    assert review.category.name == "媒体报道"
    assert review.source == "衡阳日报"
    assert review.title == "铿锵前行双甲子 风华正茂看今朝"
    assert review.subtitle == "——衡阳市中心医院建院120周年综述"


def test_review_page_shows_headings_byline_full_text_and_captions_without_photos(client, review):
    html = client.get(review.get_absolute_url()).content.decode()

    assert "<h1>铿锵前行双甲子 风华正茂看今朝</h1>" in html
    assert "——衡阳市中心医院建院120周年综述" in html
    assert "<span>全媒体记者 朱嘉林</span> <span>通讯员 殷君发</span>" in html
    assert "来源：衡阳日报" in html
    assert "原文未注明刊登日期" in html
    body = html[
        html.index('class="prose article-body"') : html.index("</div>", html.index('class="prose article-body"'))
    ]
    assert re.findall(r"<h2>(.*?)</h2>", body) == HEADINGS
    assert body.count("<p>") == 31
    # The page-break splits of the newspaper are joined back into their words.
    assert "此外，该院根据疫情形势不断变化，按照上级要求" in body
    assert "德国杜塞尔多夫医疗中心研修……" in body
    assert "“快捷方便”“舒适温馨”是就诊患者的最大感受。" in body
    assert body.index("<p>时光如水，岁月如歌。") < body.index(HEADINGS[0])
    assert body.rstrip().endswith("就如同炬火一般，照耀并温暖了雁城人民的心。</p>")

    gallery = html[html.index('class="article-gallery"') :]
    gallery = gallery[: gallery.index("</section>")]
    assert re.findall(r'<figcaption class="caption">(.*?)</figcaption>', gallery) == CAPTIONS
    assert "<img" not in gallery
    assert "照片未收录，仅保留原图片说明。" in gallery


def test_review_links_the_departments_it_names_and_their_pages_list_it(client, review):
    linked = set(review.departments.values_list("name", flat=True))
    assert {"神经外科", "肝胆外科", "乳甲外科", "皮肤科", "神经内科", "麻醉科", "胸痛中心"} <= linked
    assert len(linked) == 23

    article_page = client.get(review.get_absolute_url()).content.decode()
    department_page = client.get(reverse("departments:detail", kwargs={"slug": "shen-jing-wai-ke"})).content.decode()

    assert ">神经外科</a>" in article_page
    assert f'<a href="{review.get_absolute_url()}">铿锵前行双甲子 风华正茂看今朝</a>' in department_page


def test_review_links_the_experts_it_names_and_their_pages_list_it(client, review):
    linked = set(review.experts.values_list("name", flat=True))
    assert {"李珍发", "李远志", "蒋水平", "罗琼", "廖万清", "万峰", "胡新平", "丁菁", "段雪琴"} <= linked
    assert len(linked) == 15

    expert_page = client.get(reverse("experts:detail", kwargs={"slug": "li-yuan-zhi"})).content.decode()

    assert f'<a href="{review.get_absolute_url()}">铿锵前行双甲子 风华正茂看今朝</a>' in expert_page


def test_review_is_listed_under_its_category_and_year_and_in_the_feed(client, review):
    category_page = client.get(reverse("news:category", kwargs={"slug": "mei-ti-bao-dao"})).content.decode()
    year_page = client.get(reverse("news:list"), {"year": "2022"}).content.decode()
    feed = client.get(reverse("news:feed")).content.decode()

    for text in (category_page, year_page, feed):
        assert review.get_absolute_url() in text
    assert '<time datetime="2022-12-31T12:00:00+08:00">2022年12月31日</time>' in year_page


def test_loading_the_content_twice_adds_nothing(review):
    call_command("loaddata", str(FIXTURE), verbosity=0)

    assert Article.objects.count() == 1
    assert review.images.count() == 4
    assert Category.objects.count() == 5
