"""Keeps the cached navigation true when a service page is edited."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .context_processors import NAVIGATION_CACHE_KEY
from .models import ServicePage


@receiver([post_save, post_delete], sender=ServicePage)
def forget_service_navigation(sender, **kwargs):
    cache.delete(NAVIGATION_CACHE_KEY)
