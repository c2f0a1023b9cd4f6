"""One factory per model for every test: obviously synthetic records (测试…), never the real hospital's.

Import them from here (`from tests.factories import ExpertFactory`); the modules only split them by app.
"""

from .core import PASSWORD, CampusFactory, UserFactory, communications_editor, content_admin, superuser
from .departments import (
    CentreFactory,
    ConditionFactory,
    DepartmentFactory,
    DesignationCountFactory,
    DesignationFactory,
    DesignationTypeFactory,
)
from .equipment import EquipmentCategoryFactory, EquipmentFactory
from .experts import ExpertFactory, ScheduleExceptionFactory, WeeklySessionFactory, WorkstationFactory
from .history import (
    HonourFactory,
    HospitalNameFactory,
    HospitalProfileFactory,
    KeyFigureFactory,
    KeyFigureValueFactory,
    MilestoneFactory,
    SourceFactory,
)
from .images import gif_javascript_polyglot, image_bytes, jpeg_html_polyglot, noise_png, png_declaring, upload
from .media import AttachmentFactory, office_package, ole_file, pdf_bytes
from .news import ArticleFactory, ArticleImageFactory, CategoryFactory
from .pages import SymptomFactory

__all__ = [
    "PASSWORD",
    "ArticleFactory",
    "ArticleImageFactory",
    "AttachmentFactory",
    "CampusFactory",
    "CategoryFactory",
    "CentreFactory",
    "ConditionFactory",
    "DepartmentFactory",
    "DesignationCountFactory",
    "DesignationFactory",
    "DesignationTypeFactory",
    "EquipmentCategoryFactory",
    "EquipmentFactory",
    "ExpertFactory",
    "HonourFactory",
    "HospitalNameFactory",
    "HospitalProfileFactory",
    "KeyFigureFactory",
    "KeyFigureValueFactory",
    "MilestoneFactory",
    "ScheduleExceptionFactory",
    "SourceFactory",
    "SymptomFactory",
    "UserFactory",
    "WeeklySessionFactory",
    "WorkstationFactory",
    "communications_editor",
    "content_admin",
    "gif_javascript_polyglot",
    "image_bytes",
    "jpeg_html_polyglot",
    "noise_png",
    "office_package",
    "ole_file",
    "pdf_bytes",
    "png_declaring",
    "superuser",
    "upload",
]
