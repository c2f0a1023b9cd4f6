"""Editors in their roles and campuses: the platform's own records."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from apps.core.models import Campus
from apps.core.roles import COMMUNICATIONS, CONTENT_ADMIN

PASSWORD = "synthetic-Passw0rd-for-tests"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member with no role; `roles=[...]` puts them in those groups (made by a migration)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


def communications_editor(**kwargs):
    return UserFactory(roles=[COMMUNICATIONS], **kwargs)


def content_admin(**kwargs):
    return UserFactory(roles=[CONTENT_ADMIN], **kwargs)


def superuser(**kwargs):
    return UserFactory(is_superuser=True, **kwargs)


class CampusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campus
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试院区{n}")
