"""Two app servers behind one address share the database (and in it the sessions) and the cache (Redis).

An edit made through the first server's admin shows on the second at once, although the second
had the page in the shared page cache; an editor logged in on one is logged in on the other.
"""

import secrets

from .conftest import ADMIN_USERNAME
from .processes import Browser
from .test_read_replicas import main_content

NEW_CAMPUS = "双服务器测试院区"


def test_an_edit_through_one_server_shows_on_the_other(new_cluster, app_server, redis_url, admin_password):
    cluster = new_cluster()
    # Every app server of one site has the same secret key: sessions and signatures depend on it.
    shared = {"REDIS_URL": redis_url, "SECRET_KEY": secrets.token_urlsafe(50)}
    first = app_server(cluster.url(), **shared)
    second = app_server(cluster.url(), **shared)
    assert first.port != second.port
    visitor = Browser(second.port)
    assert NEW_CAMPUS not in main_content(visitor.get("/campuses/").body)  # now in the shared page cache

    editor = Browser(first.port)
    editor.log_in_to_admin(ADMIN_USERNAME, admin_password)
    token = editor.csrf_token("/admin/core/campus/add/")
    fields = ("slug", "address", "phone", "opening_hours", "transport", "map_url", "description")
    form = {"csrfmiddlewaretoken": token, "name": NEW_CAMPUS, "display_order": "0", **dict.fromkeys(fields, "")}
    assert editor.post("/admin/core/campus/add/", form).status == 302

    assert NEW_CAMPUS in main_content(visitor.get("/campuses/").body)
    # The session lives in the shared database: the second server knows the editor who logged in on the first.
    same_editor_on_second = Browser(second.port)
    same_editor_on_second.cookies = dict(editor.cookies)
    admin_index = same_editor_on_second.get("/admin/")
    assert admin_index.status == 200
    assert "内容管理" in admin_index.body
    assert Browser(second.port).get("/admin/").status == 302  # a stranger is sent to the login page
