"""Django's loaddata, with the search index and the page cache brought up to date once, at the end.

Saved one object and one relation at a time, a fixture re-indexed each department every time a
campus, designation or centre was linked to it, and emptied the page cache after every row: loading
the departments took seconds where the rows take a fraction of one. What is indexed, and when the
cache is emptied, is the same; only the repetition goes.
"""

from django.core.management.commands import loaddata

from apps.core.cache import invalidation_deferred
from apps.search.signals import indexing_deferred


class Command(loaddata.Command):
    def loaddata(self, fixture_labels):
        with invalidation_deferred(), indexing_deferred():
            super().loaddata(fixture_labels)
