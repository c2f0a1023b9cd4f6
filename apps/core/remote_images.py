"""Images pasted into rich text from other sites, copied to this site's own storage when the text is saved.

The public pages' Content-Security-Policy lets images come only from this site, so an article pasted from a
WeChat 公众号 page or another site would lose its pictures. On save, each outside `<img src>` is fetched
here, checked as an upload is (apps.core.images.validate_image) and stored as an UploadedImage, and the
text points at the copy; an image that cannot be copied refuses the save, naming it.

The fetch cannot be turned against the hospital's own network: http(s) only; every address the name resolves
to must be public (not private, loopback, link-local, multicast or reserved; REMOTE_IMAGE_ALLOWED_NETWORKS
lets tests reach their own local server); the connection goes to the address that was checked (no second DNS
answer); redirects are followed by hand with the same checks; the time and the bytes read are limited.
"""

import base64
import binascii
import html
import http.client
import ipaddress
import re
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from .images import validate_image
from .richtext import stored_image_name

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
SRC_ATTRIBUTE = re.compile(r"""(\ssrc\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
SRCSET_ATTRIBUTE = re.compile(r"""\ssrcset\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)
DATA_IMAGE = re.compile(r"^data:image/[a-z0-9.+-]+;base64,(.*)$", re.IGNORECASE | re.DOTALL)
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
USER_AGENT = "Mozilla/5.0 (compatible; HospitalPortal image copier)"


class FetchError(Exception):
    """Why an image could not be copied, in words for the editor."""


def _forbidden(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 address may carry its interface (%eth0)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in ipaddress.ip_network(network) for network in settings.REMOTE_IMAGE_ALLOWED_NETWORKS):
        return False
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _checked_address(host, port):
    """The address to connect to: every address the name resolves to must be allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(_("找不到该网站")) from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(_("找不到该网站"))
    if any(_forbidden(address) for address in addresses):
        raise FetchError(_("该地址指向内部网络，不允许访问"))
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address already checked, whatever the name resolves to now."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to an address already checked; the certificate is verified for the host name."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _get(url, deadline):
    """One GET: (status, Location header, body) with the body cut off at the byte limit."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("只能复制 http 或 https 网址的图片"))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _checked_address(parts.hostname, port)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    timeout = max(deadline - time.monotonic(), 0.1)
    connection = connection_class(parts.hostname, port, address, timeout)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
        response = connection.getresponse()
        if response.status in REDIRECTS:
            return response.status, response.getheader("Location"), b""
        if response.status != 200:
            raise FetchError(_("对方网站拒绝提供（HTTP %(status)d）") % {"status": response.status})
        declared = response.getheader("Content-Length")
        if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
            raise FetchError(_("图片超过 %(limit)d MB") % {"limit": limit // 1024 // 1024})
        body = bytearray()
        while chunk := response.read(CHUNK):
            body += chunk
            if len(body) > limit:
                raise FetchError(_("图片超过 %(limit)d MB") % {"limit": limit // 1024 // 1024})
            if time.monotonic() > deadline:
                raise FetchError(_("下载超时"))
        return response.status, None, bytes(body)
    except TimeoutError as error:
        raise FetchError(_("下载超时")) from error
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(_("无法连接该网站")) from error
    finally:
        connection.close()


def fetch(url):
    """The bytes at `url`, fetched safely (see the module's docstring); raises FetchError."""
    deadline = time.monotonic() + settings.REMOTE_IMAGE_TIMEOUT
    for _redirect in range(settings.REMOTE_IMAGE_MAX_REDIRECTS + 1):
        status, location, body = _get(url, deadline)
        if status not in REDIRECTS:
            return body
        if not location:
            raise FetchError(_("对方网站的跳转无效"))
        url = urljoin(url, location)
    raise FetchError(_("跳转次数过多"))


def store_image(content, uploaded_by=None, source_url=""):
    """An UploadedImage of `content`, through the same checks as an upload; raises ValidationError."""
    from .models import UploadedImage  # noqa: PLC0415 - models import this app's image fields

    upload = SimpleUploadedFile("copied", content)
    validate_image(upload)
    record = UploadedImage(image=upload, uploaded_by=uploaded_by, source_url=source_url[:500])
    record.full_clean()
    record.save()
    return record


def _is_outside(src):
    if DATA_IMAGE.match(src):
        return True
    parts = urlsplit(src)
    if parts.scheme not in ("http", "https"):
        return False  # a relative address is this site's own; other schemes are dropped on output
    return stored_image_name(src) is None


def _copy(src, uploaded_by):
    from .models import UploadedImage  # noqa: PLC0415

    inline = DATA_IMAGE.match(src)
    if inline:
        try:
            content = base64.b64decode(inline.group(1), validate=False)
        except (binascii.Error, ValueError) as error:
            raise FetchError(_("图片数据已损坏")) from error
        source_url = ""
    else:
        # Saving a second time (the form was refused for another reason) reuses the copy already made.
        earlier = UploadedImage.objects.filter(source_url=src[:500]).first()
        if earlier:
            return earlier.image.url
        content = fetch(src)
        source_url = src
    try:
        return store_image(content, uploaded_by, source_url).image.url
    except ValidationError as error:
        raise FetchError(" ".join(error.messages)) from error


def _describe(src):
    return _("粘贴的图片") if DATA_IMAGE.match(src) else src


def copy_outside_images(value, uploaded_by=None):
    """`value` with every outside image copied to this site and its address replaced; or a ValidationError
    naming each image that could not be copied (nothing of the text is saved then)."""
    if not value or "<img" not in value.lower():
        return value
    copies, failures = {}, []

    def replace_src(tag_match):
        tag = tag_match.group(0)
        src_match = SRC_ATTRIBUTE.search(tag)
        if not src_match:
            return tag
        double, single, bare = src_match.group(3, 4, 5)
        src = html.unescape(next(part for part in (double, single, bare) if part is not None)).strip()
        if not _is_outside(src):
            return tag
        if src not in copies:
            try:
                copies[src] = _copy(src, uploaded_by)
            except FetchError as error:
                copies[src] = None
                failures.append(f"{_describe(src)}（{error}）")
        if copies[src] is None:
            return tag
        tag = SRCSET_ATTRIBUTE.sub("", tag)  # the other site's sizes of the image would point back to it
        return SRC_ATTRIBUTE.sub(lambda match: f'{match.group(1)}"{html.escape(copies[src])}"', tag, count=1)

    copied = IMG_TAG.sub(replace_src, value)
    if failures:
        raise ValidationError(
            _("以下图片无法复制到本站，未保存。请先把图片保存到电脑，再用“插入图片”上传：%(images)s")
            % {"images": "；".join(failures)},
            code="outside_image",
        )
    return copied
