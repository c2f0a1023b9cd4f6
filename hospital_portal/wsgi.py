"""WSGI entry point, used by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hospital_portal.settings")

application = get_wsgi_application()

# jieba's dictionary is large and slow to load. Loading it with the application keeps that off the
# first visitor who searches; gunicorn loads the application once in the master (preload_app), so
# every worker forked from it starts with the dictionary in memory it shares with the others.
from apps.search.segmentation import tokenizer  # noqa: E402  (needs the settings loaded above)

tokenizer()
