"""Content-Security-Policy: strict on public pages; in the admin and the editor's upload, inline styles and blob:
images for CKEditor, but scripts still from this site only."""

import pytest
from django.urls import reverse

from tests.factories import content_admin

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return {name: set(values) for name, *values in (directive.split() for directive in header.split(";"))}


def test_public_pages_allow_no_inline_script_or_style(client):
    directives = policy(client.get("/"))

    assert directives["script-src"] == {"'self'"}
    assert directives["style-src"] == {"'self'"}
    assert directives["object-src"] == {"'none'"}
    assert directives["frame-ancestors"] == {"'none'"}


def test_the_admin_lets_the_editor_style_itself_but_runs_only_this_sites_scripts(client):
    client.force_login(content_admin())

    for response in (
        client.get(reverse("admin:core_campus_add")),
        client.post("/ckeditor5/image-upload/", {}),
    ):
        directives = policy(response)
        assert directives["script-src"] == {"'self'"}
        assert directives["style-src"] == {"'self'", "'unsafe-inline'"}
        assert "blob:" in directives["img-src"]
        assert directives["frame-ancestors"] == {"'self'"}
        assert not any("unsafe-eval" in values for values in directives.values())
