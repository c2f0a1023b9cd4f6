"""Reads from PostgreSQL read replicas where that is safe; everything else on the primary.

Installed only when DATABASE_REPLICA_URLS is set. Replica reads are opt-in per request:
`ReplicaRoutingMiddleware` (apps.core.middleware) allows them for anonymous GET/HEAD requests
only, and picks one replica for the whole request so a page never mixes two replicas' states.
Everything else reads from the primary: writes, the requests of logged-in editors, every request
that has written something, reads inside a transaction, and any code that runs outside a request
(management commands, shells, migrations).
"""

import contextvars
import random
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

# The replica alias this request may read from, or None for the primary.
_replica_for_reads = contextvars.ContextVar("replica_for_reads", default=None)

# Models that must never be read from a lagging copy: logins, sessions, lock-outs, edit history.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "admin", "axes", "reversion", "contenttypes"})


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias != DEFAULT_DB_ALIAS]


@contextmanager
def reads_from_a_replica():
    """Within the block, reads may go to one replica chosen at random."""
    aliases = replica_aliases()
    token = _replica_for_reads.set(random.choice(aliases) if aliases else None)
    try:
        yield
    finally:
        _replica_for_reads.reset(token)


def use_primary():
    """From now on in this request, read from the primary (after a write, so the request sees it)."""
    _replica_for_reads.set(None)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        replica = _replica_for_reads.get()
        if (
            replica is None
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return replica

    def db_for_write(self, model, **hints):
        use_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas are copies of the primary: records from any of them may relate.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
