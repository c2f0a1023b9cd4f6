"""Uploaded images and their renditions on S3-compatible storage when a bucket is named, else under MEDIA_ROOT.

The object store is moto's S3 server, started on a loopback port; the storage settings are the ones
hospital_portal/settings.py gives under the environment variables.
"""

import io
import json
import secrets
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.images import renditions
from apps.core.models import UploadedImage

from .processes import production_env, settings_under

pytestmark = pytest.mark.django_db

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "portal-test", "AWS_SECRET_ACCESS_KEY": "portal-test-secret"}


def photo(width=1600, height=900):
    content = io.BytesIO()
    Image.new("RGB", (width, height), (11, 95, 135)).save(content, "PNG")
    return SimpleUploadedFile("医院照片.png", content.getvalue(), content_type="image/png")


def uploaded_image():
    record = UploadedImage(image=photo())
    record.full_clean()
    record.save()
    return record


def read_image(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.format, image.size


@pytest.fixture
def bucket(s3_endpoint):
    name = f"portal-media-{secrets.token_hex(4)}"
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    s3.create_bucket(Bucket=name)
    # As docs/deployment.md asks: visitors may read media, and nothing else, without credentials.
    public_media = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{name}/media/*",
    }
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [public_media]}))
    return s3, name


@pytest.fixture
def s3_settings(settings, s3_endpoint, bucket, tmp_path, request):
    """The storage settings under a bucket's environment, plus the variables a test passes as its parameter."""
    _, name = bucket
    environment = production_env(
        AWS_STORAGE_BUCKET_NAME=name,
        AWS_S3_ENDPOINT_URL=s3_endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        **CREDENTIALS,
        **getattr(request, "param", {}),
    )
    values = settings_under(environment, ["STORAGES", "CONTENT_SECURITY_POLICY", "AWS_S3_CLIENT_OPTIONS"])
    default = values["STORAGES"]["default"]
    # The botocore Config does not cross the process boundary: made again from the options it was made of.
    default["OPTIONS"]["client_config"] = Config(**values["AWS_S3_CLIENT_OPTIONS"])
    settings.STORAGES = {**settings.STORAGES, "default": default}
    settings.MEDIA_ROOT = tmp_path / "media"
    return values


def stored_checksums(s3, name, key):
    head = s3.head_object(Bucket=name, Key=key, ChecksumMode="ENABLED")
    return {field for field in head if field.startswith("Checksum") and field != "ChecksumType"}


@pytest.mark.parametrize("s3_settings", [{"AWS_S3_ADDRESSING_STYLE": "path"}], indirect=True)
def test_images_and_their_renditions_are_stored_in_the_bucket(s3_settings, s3_endpoint, bucket, settings):
    """Path-style addressing, and no checksum the store did not ask for (what Aliyun OSS and Tencent COS accept)."""
    s3, name = bucket
    assert s3_settings["AWS_S3_CLIENT_OPTIONS"] == {
        "s3": {"addressing_style": "path"},
        "request_checksum_calculation": "when_required",
        "response_checksum_validation": "when_required",
    }

    record = uploaded_image()
    versions = renditions(record.image)

    stored = {item["Key"] for item in s3.list_objects_v2(Bucket=name)["Contents"]}
    assert f"media/{record.image.name}" in stored
    assert record.image.name.startswith("editor/") and record.image.name.endswith(".png")
    assert [width for _, width, _ in versions] == [320, 640, 960, 1280]
    for url, width, height in versions:
        assert url.startswith(f"{s3_endpoint}/{name}/media/renditions/")
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert read_image(answer.read()) == ("WEBP", (width, height))
    assert len(stored) == 1 + len(versions)
    assert stored_checksums(s3, name, f"media/{record.image.name}") == set()
    assert not Path(settings.MEDIA_ROOT).exists()  # nothing written on the app server's disk
    assert s3_endpoint in s3_settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


@pytest.mark.parametrize(
    "s3_settings",
    [{"AWS_REQUEST_CHECKSUM_CALCULATION": "when_supported", "AWS_RESPONSE_CHECKSUM_VALIDATION": "when_supported"}],
    indirect=True,
)
def test_a_store_that_takes_checksums_gets_them_when_asked(s3_settings, bucket):
    s3, name = bucket
    assert s3_settings["AWS_S3_CLIENT_OPTIONS"]["s3"] == {"addressing_style": None}

    record = uploaded_image()

    assert stored_checksums(s3, name, f"media/{record.image.name}") == {"ChecksumCRC32"}
    assert record.image.storage.exists(record.image.name)


def test_without_a_bucket_images_and_renditions_are_files_under_media_root(settings, tmp_path):
    values = settings_under(production_env(), ["STORAGES"])
    assert values["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    settings.MEDIA_ROOT = tmp_path / "media"

    record = uploaded_image()
    versions = renditions(record.image)

    assert (tmp_path / "media" / record.image.name).is_file()
    assert [width for _, width, _ in versions] == [320, 640, 960, 1280]
    for url, width, height in versions:
        assert url.startswith("/media/renditions/")
        path = tmp_path / "media" / url.removeprefix("/media/")
        assert read_image(path.read_bytes()) == ("WEBP", (width, height))
