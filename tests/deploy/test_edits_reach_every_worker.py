"""An edit made through the admin of one app server reaches every worker of every server within a
second or two: the footer's campuses and a search for a new term, read many times from each worker.

Two gunicorn servers of three workers each run from the project's own settings, sharing Redis or,
without it, each worker with its own local-memory cache (one machine: the content generation is a
file both servers see).
"""

import re
import secrets
import time
from urllib.parse import urlencode

import pytest

from .conftest import ADMIN_USERNAME
from .processes import Browser, manage, production_env

WORKERS = 3
OLD_NAME, NEW_NAME = "江东旧名院区", "江东新名院区"
NEW_TERM = "鹭湖慢病驿站"  # a new name of a condition a department treats, a term jieba knew nothing of
SETUP = """
from apps.departments.models import Condition, Department
Condition.objects.create(name="慢性病管理").departments.add(Department.objects.create(name="全科医学科"))
"""


def footer(html):
    return re.search(r"<footer.*?</footer>", html, re.DOTALL).group(0)


def every_worker(servers, path):
    return [answer for server in servers for answer in Browser(server.port).get_from_every_worker(path, WORKERS)]


@pytest.mark.parametrize("with_redis", [True, False], ids=["redis", "local-memory"])
def test_an_edit_reaches_every_worker_of_every_server(new_cluster, app_server, redis_url, admin_password, with_redis):
    cluster = new_cluster()
    shared = {"SECRET_KEY": secrets.token_urlsafe(50), **({"REDIS_URL": redis_url} if with_redis else {})}
    servers = [app_server(cluster.url(), workers=WORKERS, **shared) for _ in range(2)]
    editor = Browser(servers[0].port)
    editor.log_in_to_admin(ADMIN_USERNAME, admin_password)
    editor.save_in_admin("/admin/core/campus/add/", "campus", name=OLD_NAME, display_order="0")
    # The department's admin needs the rich-text editor's files, which these servers leave out.
    manage("shell", "-c", SETUP, environment=production_env(DATABASE_URL=cluster.url()))
    campus_id = cluster.sql(f"SELECT id FROM core_campus WHERE name = '{OLD_NAME}'", dbname="portal")
    condition_id = cluster.sql("SELECT id FROM departments_condition WHERE name = '慢性病管理'", dbname="portal")
    search = "/search/?" + urlencode({"q": NEW_TERM})
    # Every worker has its footer, navigation, pages and dictionary filled before the edit.
    for path in ("/", "/departments/", "/about/", search):
        for answer in every_worker(servers, path):
            assert answer.status == 200
    assert all(OLD_NAME in footer(answer.body) for answer in every_worker(servers, "/departments/"))

    editor.save_in_admin(f"/admin/core/campus/{campus_id}/change/", "campus", name=NEW_NAME)
    editor.save_in_admin(f"/admin/departments/condition/{condition_id}/change/", "condition", aliases=NEW_TERM)
    saved_at = time.monotonic()

    # Every read begun two seconds after the save finds the new values, on every worker, many times.
    time.sleep(max(0, saved_at + 2 - time.monotonic()))
    for _ in range(5):
        for path in ("/", "/departments/", "/about/", "/campuses/"):
            for answer in every_worker(servers, path):
                assert NEW_NAME in footer(answer.body), path
                assert OLD_NAME not in answer.body, path
        for answer in every_worker(servers, search):
            assert "全科医学科" in answer.body
