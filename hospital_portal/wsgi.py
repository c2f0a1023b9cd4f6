"""WSGI entry point, used by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hospital_portal.settings")

application = get_wsgi_application()

# jieba's dictionary takes about a second and some 60 MB to load. Loading it as the worker starts
# keeps that off the first visitor who searches, and keeps a worker's memory flat once it serves.
from apps.search.segmentation import tokenizer  # noqa: E402  (needs the settings loaded above)

tokenizer()
