"""Chinese names for the link tables Django makes for many-to-many fields.

Django names such a table "Article-department relationship" and each row "Article_departments object (1)";
the admin shows both (inline rows, column headings, what a delete takes with it). Each link table gets
its field's Chinese name ("新闻的相关科室"), its two columns their models' names, and each row reads
"<record>：<linked record>". Nothing here is stored: the tables and migrations are unchanged.
"""

from django.apps import apps
from django.utils.text import format_lazy


def _describe_link(field):
    source_name, target_name = field.m2m_field_name(), field.m2m_reverse_field_name()

    def __str__(self):
        return f"{getattr(self, source_name)}：{getattr(self, target_name)}"

    return __str__


def name_link_tables():
    """Gives every auto-created many-to-many table of the project's models a Chinese name."""
    for model in apps.get_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            options = through._meta
            options.verbose_name = format_lazy("{}的{}", model._meta.verbose_name, field.verbose_name)
            options.verbose_name_plural = options.verbose_name
            for link in (field.m2m_field_name(), field.m2m_reverse_field_name()):
                link_field = options.get_field(link)
                link_field.verbose_name = link_field.related_model._meta.verbose_name
            through.__str__ = _describe_link(field)
