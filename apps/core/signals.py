"""Keeps cached fragments true: an edited campus shows in the footer at once."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .context_processors import CAMPUS_CACHE_KEY
from .models import Campus


@receiver([post_save, post_delete], sender=Campus)
def forget_cached_campuses(sender, **kwargs):
    cache.delete(CAMPUS_CACHE_KEY)
