"""Synthetic data for tests and benchmarks: clearly marked, never loaded by default.

Every record made here has a name starting with 示例, so that nobody takes it for the hospital's
content, and a `SyntheticRecord` of its own, so that `clear()` removes exactly these rows.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from apps.core.cache import invalidation_deferred
from apps.core.models import Campus
from apps.departments.models import Department
from apps.equipment.models import Equipment, EquipmentCategory
from apps.experts.models import Expert, ScheduleException, WeeklySession
from apps.news.models import Article, Category
from benchmarks.models import SyntheticRecord

BATCH = 1000
SCALE_ONE = {"departments": 200, "experts": 2000, "equipment": 500, "articles": 20000}
CAMPUS_NAMES = ("雁峰院区", "华新院区", "奇峰院区")
NEWS_CATEGORIES = ("医院新闻", "媒体报道", "通知公告", "党建工作", "健康科普")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志远文红玉兰新民海燕晓东春梅立伟雪琴水琼发菁"
DEPARTMENT_WORDS = (
    "心血管内科 神经内科 神经外科 消化内科 呼吸与危重症医学科 肝胆外科 胃肠外科 乳甲外科 泌尿外科 骨科 妇科 产科 "
    "儿科 新生儿科 眼科 耳鼻咽喉科 口腔科 皮肤科 肿瘤科 急诊医学科 重症医学科 麻醉科 康复医学科 中医科 老年病科 "
    "内分泌科 肾内科 血液内科 风湿免疫科 感染科 医学影像科 超声科 检验科 病理科 药学部 营养科"
).split()
CLINICAL_WORDS = (
    "高血压 冠心病 心律失常 房颤 脑卒中 脑出血 头痛 眩晕 癫痫 帕金森病 胸痛 胸闷 咳嗽 哮喘 慢阻肺 肺结节 肺炎 "
    "胃炎 胃溃疡 上消化道出血 肝硬化 胆结石 胰腺炎 阑尾炎 疝气 甲状腺结节 乳腺增生 前列腺增生 泌尿系结石 "
    "骨折 腰椎间盘突出 关节炎 颈椎病 银屑病 湿疹 白内障 青光眼 眼底疾病 糖尿病 肾病 贫血 肿瘤 化疗 放疗 "
    "腹腔镜 胸腔镜 内镜 微创手术 介入治疗 康复训练 健康体检 疫苗接种 营养指导 孕期保健 新生儿护理"
).split()
NEWS_PHRASES = (
    "医院组织专家团队开展义诊活动，为群众提供健康咨询服务。",
    "科室引进新技术，进一步提升了疾病诊疗水平。",
    "专家提醒，出现不适症状应及时到医院就诊，切勿延误治疗。",
    "医院持续优化就医流程，缩短患者排队等候时间。",
    "多学科协作团队为患者制定个体化治疗方案。",
    "医护人员耐心细致地讲解术后康复注意事项。",
    "活动现场，市民排起长队，积极参与健康筛查。",
    "医院党委高度重视，认真部署各项工作任务。",
    "该技术创伤小、恢复快，患者术后第二天即可下床活动。",
    "医院将继续坚持以患者为中心，不断提升医疗服务质量。",
    "近日，一名患者因突发症状被紧急送往医院急诊科。",
    "经过团队的全力救治，患者病情稳定，目前已康复出院。",
    "培训班吸引了来自各基层医疗机构的医务人员参加。",
    "专家结合典型病例，深入浅出地讲解了诊疗规范。",
    "医院信息化建设稳步推进，线上服务更加便捷。",
)


@dataclass
class Counts:
    departments: int
    experts: int
    equipment: int
    articles: int

    @classmethod
    def for_scale(cls, scale):
        return cls(**{name: max(1, round(number * scale)) for name, number in SCALE_ONE.items()})


class Writer:
    """Makes synthetic text of realistic length from a fixed vocabulary, reproducibly."""

    def __init__(self, seed):
        self.random = random.Random(seed)

    def name(self):
        return "示例" + self.random.choice(SURNAMES) + "".join(self.random.choices(GIVEN, k=self.random.choice((1, 2))))

    def words(self, count):
        return "、".join(self.random.sample(CLINICAL_WORDS, count))

    def paragraph(self, length):
        sentences = []
        while sum(map(len, sentences)) < length:
            word = self.random.choice(CLINICAL_WORDS)
            phrase = self.random.choice(NEWS_PHRASES)
            sentences.append(f"在{word}的防治方面，{phrase}")
        return "".join(sentences)

    def body(self, low, high):
        target = self.random.randint(low, high)
        paragraphs = []
        while sum(map(len, paragraphs)) < target:
            paragraphs.append(self.paragraph(self.random.randint(120, 320)))
        return "".join(f"<p>{text}</p>" for text in paragraphs)

    def title(self):
        word = self.random.choice(CLINICAL_WORDS)
        return f"示例：{word}{self.random.choice(('诊疗', '防治', '科普', '义诊', '新技术', '专题讲座'))}活动顺利开展"


def made(model):
    """The rows of `model` that the generator made."""
    return model.objects.filter(pk__in=SyntheticRecord.objects.of(model).values("object_id"))


def _bulk(model, objects, mark=False):
    objects = model.objects.bulk_create(objects, batch_size=BATCH)
    if mark:
        content_type = ContentType.objects.get_for_model(model)
        SyntheticRecord.objects.bulk_create(
            [SyntheticRecord(content_type=content_type, object_id=obj.pk) for obj in objects], batch_size=BATCH
        )
    return objects


def _through(field, pairs):
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs], batch_size=BATCH, ignore_conflicts=True
    )


def generate(scale=1.0, seed=2026, stdout=None):
    """Adds synthetic departments, experts with schedules, equipment and news. Returns the counts."""
    counts = Counts.for_scale(scale)
    write = Writer(seed)
    rnd = write.random
    now = timezone.now()
    log = stdout.write if stdout else (lambda message: None)
    offset = made(Department).count()

    with transaction.atomic(), invalidation_deferred():
        campuses = [Campus.objects.get_or_create(name=name)[0] for name in CAMPUS_NAMES]
        categories = [Category.objects.get_or_create(name=name)[0] for name in NEWS_CATEGORIES]
        equipment_category = EquipmentCategory.objects.get_or_create(name="示例设备类别")[0]

        departments = _bulk(
            Department,
            [
                Department(
                    name=f"示例{rnd.choice(DEPARTMENT_WORDS)}{offset + i:04d}",
                    slug=f"shi-li-ke-shi-{offset + i:04d}",
                    kind=rnd.choice(Department.Kind.values),
                    summary=f"示例科室，诊治{write.words(3)}等。",
                    introduction=write.body(200, 600),
                    specialties=write.words(4).replace("、", "\n"),
                )
                for i in range(counts.departments)
            ],
            mark=True,
        )
        _through(Department.campuses.field, [(d.pk, rnd.choice(campuses).pk) for d in departments])
        log(f"科室 {len(departments)}\n")

        experts = _bulk(
            Expert,
            [
                Expert(
                    name=write.name(),
                    slug=f"shi-li-zhuan-jia-{offset * 10 + i:05d}",
                    clinical_title=rnd.choice(Expert.ClinicalTitle.values),
                    primary_department=rnd.choice(departments),
                    specialties=f"擅长{write.words(3)}的诊治。",
                    biography=write.body(150, 500),
                )
                for i in range(counts.experts)
            ],
            mark=True,
        )
        _through(Expert.departments.field, [(e.pk, e.primary_department_id) for e in experts])
        sessions, exceptions = [], []
        today = timezone.localdate()
        for expert in experts:
            for weekday, period in rnd.sample([(d, p) for d in range(1, 8) for p in (1, 2)], rnd.randint(1, 4)):
                sessions.append(
                    WeeklySession(
                        expert=expert, weekday=weekday, period=period, campus=rnd.choice(campuses), note="示例排班"
                    )
                )
            if rnd.random() < 0.3:
                exceptions.append(
                    ScheduleException(
                        expert=expert,
                        date=today + datetime.timedelta(days=rnd.randint(0, 13)),
                        period=rnd.choice((1, 2)),
                        kind=ScheduleException.Kind.CANCEL,
                        reason="示例：外出学术交流",
                    )
                )
        _bulk(WeeklySession, sessions)
        _bulk(ScheduleException, exceptions)
        log(f"专家 {len(experts)}，出诊时段 {len(sessions)}，停诊/替诊 {len(exceptions)}\n")

        devices = _bulk(
            Equipment,
            [
                Equipment(
                    name=f"示例设备{offset * 10 + i:05d}",
                    slug=f"shi-li-she-bei-{offset * 10 + i:05d}",
                    manufacturer="示例厂商",
                    category=equipment_category,
                    campus=rnd.choice(campuses),
                    description=write.paragraph(rnd.randint(80, 300)),
                    status=Equipment.Status.PUBLISHED,
                    published_at=now - datetime.timedelta(days=rnd.randint(1, 2000)),
                )
                for i in range(counts.equipment)
            ],
            mark=True,
        )
        _through(Equipment.departments.field, [(d.pk, rnd.choice(departments).pk) for d in devices])
        log(f"设备 {len(devices)}\n")

        articles = []
        for i in range(counts.articles):
            roll = rnd.random()
            if roll < 0.85:
                status, when = (
                    Article.Status.PUBLISHED,
                    now - datetime.timedelta(minutes=rnd.randint(60, 60 * 24 * 3650)),
                )
            elif roll < 0.95:
                status, when = Article.Status.DRAFT, now - datetime.timedelta(days=rnd.randint(0, 30))
            else:
                status, when = Article.Status.PUBLISHED, now + datetime.timedelta(days=rnd.randint(1, 60))
            articles.append(
                Article(
                    title=write.title(),
                    slug=f"shi-li-xin-wen-{offset * 100 + i:06d}",
                    category=rnd.choice(categories),
                    summary=write.paragraph(rnd.randint(40, 90))[:120],
                    body=write.body(300, 1500),
                    status=status,
                    published_at=when,
                    is_pinned=rnd.random() < 0.002,
                )
            )
        articles = _bulk(Article, articles, mark=True)
        _through(
            Article.departments.field, [(a.pk, rnd.choice(departments).pk) for a in articles if rnd.random() < 0.3]
        )
        _through(Article.experts.field, [(a.pk, rnd.choice(experts).pk) for a in articles if rnd.random() < 0.2])
        log(f"新闻 {len(articles)}\n")
    return counts


def clear():
    """Removes exactly the synthetic rows (and what belongs to them); the hospital's content stays."""
    with transaction.atomic(), invalidation_deferred():
        removed = {}
        for model in (Article, Equipment, Expert, Department):
            removed[str(model._meta.verbose_name)] = made(model).delete()[0]
            SyntheticRecord.objects.of(model).delete()
        EquipmentCategory.objects.filter(name="示例设备类别", equipment__isnull=True).delete()
    return removed
