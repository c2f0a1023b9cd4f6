"""Template context shared by every page: the site's name and its main navigation."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CAMPUS_CACHE_KEY = "core:footer-campuses"
HOSPITAL_INFO_CACHE_KEY = "core:hospital-info"

HOSPITAL_NAME = _("衡阳市中心医院")
HOSPITAL_FULL_NAME = _("湖南师范大学附属衡阳市中心医院")

# (url name, label): the sections of the public URL contract, in the order of the main navigation.
MAIN_NAVIGATION = [
    ("home", _("首页")),
    ("history:about", _("医院概况")),
    ("departments:list", _("科室导航")),
    ("experts:list", _("专家介绍")),
    ("pages:guide", _("智能导诊")),
    ("news:list", _("新闻动态")),
    ("equipment:list", _("医疗设备")),
    ("history:timeline", _("历史沿革")),
    ("history:honors", _("荣誉资质")),
    ("core:campuses", _("院区指引")),
]


def base_context():
    """What every page needs, computed without the database so that error pages can use it too."""
    return {
        "HOSPITAL_NAME": HOSPITAL_NAME,
        "HOSPITAL_FULL_NAME": HOSPITAL_FULL_NAME,
        "SITE_URL": settings.SITE_URL,
        "main_navigation": [(reverse(name), label) for name, label in MAIN_NAVIGATION],
    }


def site(request):
    return base_context()


def current_hospital_info():
    """The hospital's contact facts, read once per content generation: saving the record moves it on."""
    from .cache import cached_per_generation
    from .models import HospitalInfo

    return cached_per_generation(HOSPITAL_INFO_CACHE_KEY, HospitalInfo.load)


def hospital_info(request):
    """The contact facts for the header, footer, service and detail pages."""
    return {"hospital_info": current_hospital_info()}


def campuses(request):
    """The campuses for the footer, cached per content generation: every page shows them, edits are rare."""
    from .cache import cached_per_generation
    from .models import Campus

    # Keyed on the generation, not deleted on edit: a per-process cache in another worker could not be.
    items = cached_per_generation(CAMPUS_CACHE_KEY, lambda: list(Campus.objects.values("name", "slug", "phone")))
    return {"footer_campuses": items}
