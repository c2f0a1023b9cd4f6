"""The default word lists of the compliance check, from China's rules on (medical) advertising; editable in the admin."""

from django.db import migrations

AD_LAW_9 = "《广告法》第九条第（三）项：不得使用“国家级”“最高级”“最佳”等用语。"
AD_LAW_16_1 = "《广告法》第十六条第（一）项：医疗广告不得含有表示功效、安全性的断言或者保证。"
AD_LAW_16_2 = "《广告法》第十六条第（二）项、《医疗广告管理办法》第七条第（三）项：不得说明或宣传治愈率、有效率等诊疗效果。"
CURE = "《医疗广告管理办法》第七条第（二）项：不得保证治愈或者隐含保证治愈。"
TESTIMONIAL = (
    "《医疗广告管理办法》第七条第（六）项、《广告法》第十六条第（四）项：不得利用患者的名义、形象为疗效作证明"
    "（如某位患者治疗后“未再复发”）。转载媒体报道原文等确需保留的，由签发人填写理由放行。"
)
NAME = "院名、科室名须与正式名称一致。"

# (phrase, is_pattern, kind, severity, rule, suggestion)
RULES = [
    ("保证治愈", False, "advertising", "block", CURE, ""),
    ("包治", False, "advertising", "block", CURE, ""),
    ("根治", False, "advertising", "block", CURE, ""),
    ("药到病除", False, "advertising", "block", CURE, ""),
    ("彻底治愈|完全治愈|治愈率100%", True, "advertising", "block", CURE, ""),
    ("无效退款", False, "advertising", "block", AD_LAW_16_1, ""),
    ("治愈率", False, "advertising", "block", AD_LAW_16_2, ""),
    ("有效率", False, "advertising", "block", AD_LAW_16_2, ""),
    ("最佳", False, "advertising", "block", AD_LAW_9, ""),
    (
        # Ordinals and names ("第一批", "第一附属医院", "第一作者", "第一时间") are not claims.
        "第一(?!批|次|届|期|阶段|附属|人民医院|作者|时间|个|条|款|项|章|节|名患者|例)",
        True,
        "advertising",
        "warn",
        AD_LAW_9 + "“第一家”“排名第一”等作为宣传用语时违规；“第一批”“第一次”等序数与机构名称不受此限。",
        "",
    ),
    (
        "国家级",
        False,
        "advertising",
        "warn",
        AD_LAW_9 + "作为宣传用语时违规；如实写明经批准的国家级称号、项目（写全称号）不受此限。",
        "",
    ),
    ("最先进|最权威|首选|顶级", True, "advertising", "warn", AD_LAW_9, ""),
    ("未再复发|再未复发|没有再复发|再也没有复发|再也没复发", True, "testimonial", "block", TESTIMONIAL, ""),
    ("衡阳中心医院", False, "name", "warn", NAME, "衡阳市中心医院"),
    ("衡阳市中新医院", False, "name", "warn", NAME, "衡阳市中心医院"),
    ("衡阳市中兴医院", False, "name", "warn", NAME, "衡阳市中心医院"),
    ("皮服科", False, "name", "warn", NAME, "皮肤科"),
    ("神精外科", False, "name", "warn", NAME, "神经外科"),
    ("神精内科", False, "name", "warn", NAME, "神经内科"),
    ("秘尿外科", False, "name", "warn", NAME, "泌尿外科"),
    ("肿留科", False, "name", "warn", NAME, "肿瘤科"),
    ("新血管内科", False, "name", "warn", NAME, "心血管内科"),
]


def add_rules(apps, schema_editor):
    ComplianceRule = apps.get_model("workflow", "ComplianceRule")
    for phrase, is_pattern, kind, severity, rule, suggestion in RULES:
        ComplianceRule.objects.get_or_create(
            phrase=phrase,
            is_pattern=is_pattern,
            defaults={"kind": kind, "severity": severity, "rule": rule, "suggestion": suggestion},
        )


def remove_rules(apps, schema_editor):
    ComplianceRule = apps.get_model("workflow", "ComplianceRule")
    for phrase, is_pattern, *_ in RULES:
        ComplianceRule.objects.filter(phrase=phrase, is_pattern=is_pattern).delete()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0004_compliance_rules")]

    operations = [migrations.RunPython(add_rules, remove_rules)]
