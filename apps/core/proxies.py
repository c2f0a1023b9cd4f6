"""The visitor's address behind the reverse proxy, for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Anyone who reaches gunicorn can write any X-Forwarded-For, so the header is believed only when the
connection comes from a proxy named in TRUSTED_PROXIES, and only the entries those proxies added.
"""

import ipaddress

from django.conf import settings


def is_trusted_proxy(address):
    """Whether `address` (a string) is one of the reverse proxies of TRUSTED_PROXIES."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def client_ip_address(request):
    """The address of the client as the outermost trusted proxy saw it.

    Each proxy appends the address it was connected from on the right of X-Forwarded-For, so walking
    from the right past our own proxies reaches the first address no proxy of ours vouches for
    beyond; whatever a client wrote further left is never read.
    """
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    while forwarded and is_trusted_proxy(address):
        hop = forwarded.pop()
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # Not an address: a proxy of ours never writes that, so keep the proxy's own.
            break
        address = hop
    return address
