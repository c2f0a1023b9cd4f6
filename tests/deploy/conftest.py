"""Fixtures that start real servers for the deployment tests: PostgreSQL clusters of their own,
Redis, an S3-compatible object store and the portal under gunicorn. Each one is stopped and its
folder removed when its scope ends."""

import contextlib
import secrets
import shutil
import subprocess

import pytest

from .processes import (
    BIN,
    HOST,
    AppServer,
    PostgresCluster,
    Process,
    RedisServer,
    free_port,
    manage,
    port_open,
    production_env,
    temporary_folder,
    wait_until,
)

ADMIN_USERNAME = "deploy-admin"


@pytest.fixture(scope="session")
def admin_password():
    return secrets.token_urlsafe(16)


@pytest.fixture(scope="session")
def collected_static():
    """Static files collected as `make serve` does (fingerprinted and compressed), once per run.

    The rich-text editor's bundle is left out: no page these tests open uses it, and compressing it
    is most of collectstatic's time.
    """
    folder = temporary_folder("static")
    manage(
        "collectstatic",
        "--no-input",
        "--verbosity=0",
        "--ignore=django_ckeditor_5",
        environment=production_env(STATIC_ROOT=folder, DATABASE_URL=f"postgres://unused@{HOST}:9/unused"),
        timeout=300,
    )
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def template_cluster(admin_password):
    """A stopped cluster holding the migrated `portal` database and one superuser: copied, never started again."""
    cluster = PostgresCluster(temporary_folder("pg-template")).initdb().start()
    try:
        cluster.sql("CREATE DATABASE portal")
        environment = production_env(DATABASE_URL=cluster.url(), DJANGO_SUPERUSER_PASSWORD=admin_password)
        manage("migrate", "--no-input", "--verbosity=0", environment=environment, timeout=300)
        manage("createsuperuser", "--no-input", f"--username={ADMIN_USERNAME}", "--email=", environment=environment)
    finally:
        cluster.stop()
    yield cluster
    shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture
def new_cluster(template_cluster):
    """Makes running clusters with the migrated database, each stopped and removed after the test.

    `make(replica_of=primary)` makes a streaming hot standby of `primary` with pg_basebackup -R.
    """
    made = []

    def make(replica_of=None):
        if replica_of is None:
            cluster = PostgresCluster(temporary_folder("pg")).copy_of(template_cluster)
        else:
            cluster = replica_of.streaming_replica(temporary_folder("pg-replica"))
        made.append(cluster)
        return cluster.start()

    yield make
    for cluster in reversed(made):
        with contextlib.suppress(subprocess.CalledProcessError):  # a test may have stopped it already
            cluster.stop(mode="immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="session")
def shared_cluster(template_cluster):
    """One running cluster for the tests that only need a database to serve from."""
    cluster = PostgresCluster(temporary_folder("pg-shared")).copy_of(template_cluster).start()
    yield cluster
    cluster.stop(mode="immediate")
    shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server():
    """Debian's redis-server (installed by scripts/install-system-deps.sh), private, in memory only."""
    folder = temporary_folder("redis")
    port = free_port()
    process = Process(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", str(folder)],
        log_path=folder / "redis.log",
    )
    try:
        wait_until(lambda: port_open(port), timeout=20, what="redis-server listening")
        yield f"redis://{HOST}:{port}"
    finally:
        process.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def redis_url(redis_server):
    """An empty Redis database for this test."""
    import redis

    client = redis.Redis.from_url(f"{redis_server}/0")
    client.flushall()
    client.close()
    return f"{redis_server}/0"


@pytest.fixture
def own_redis():
    """A redis-server for this test alone, which it may stop, pause and start again."""
    server = RedisServer(temporary_folder("redis-own")).start()
    yield server
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3-compatible server on a loopback port."""
    folder = temporary_folder("s3")
    port = free_port()
    process = Process([str(BIN / "moto_server"), "-H", HOST, "-p", str(port)], log_path=folder / "moto.log")
    try:
        wait_until(lambda: port_open(port), timeout=60, what="moto_server listening")
        yield f"http://{HOST}:{port}"
    finally:
        process.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def app_server(collected_static, tmp_path):
    """Starts the portal under gunicorn; every server started is stopped after the test."""
    started = []

    def start(database_url, **environment):
        environment.setdefault("MEDIA_ROOT", tmp_path / "media")
        server = AppServer(
            database_url=database_url,
            static_root=collected_static,
            log_path=tmp_path / f"gunicorn-{len(started)}.log",
            **environment,
        )
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
