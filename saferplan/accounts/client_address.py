"""The address of the person (or program) making a request, the one rule every limit uses:
the sign-in lockout (django-axes, AXES_CLIENT_IP_CALLABLE), the public consultation's hourly
limit and the API's rate limits (saferplan.api.throttling). See docs/adr/0016.

Behind reverse proxies REMOTE_ADDR is the nearest proxy's, the same for everybody, so the
client's address is read from X-Forwarded-For, but only as far as the proxies we run can
vouch for it: each trusted proxy appends the address it received the request from, so with
SAFERPLAN_TRUSTED_PROXY_HOPS = N the client is the Nth address from the right. Anything to
the left of it was sent by the client and is never believed (a client that sends a made-up
X-Forwarded-For only adds addresses that are skipped).
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)
_warned_about_proxy = False


def _address(text: str) -> str | None:
    """`text` as an IP address, without a port if a proxy added one; None if it is not one."""
    text = text.strip()
    candidates = [text]
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        candidates.append(text[1 : text.index("]")])
    elif text.count(":") == 1:  # 192.0.2.1:443
        candidates.append(text.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as the trusted proxies saw it (REMOTE_ADDR with no proxies)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.SAFERPLAN_TRUSTED_PROXY_HOPS
    if hops <= 0:
        if "HTTP_X_FORWARDED_FOR" in request.META:
            _warn_once_about_proxy(remote)
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if not forwarded:
        # Not through the proxies (a health check from the same machine): its own address.
        return remote
    # Fewer entries than hops: every entry was written by one of our proxies, and the leftmost
    # is the furthest address they saw.
    chosen = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    return _address(chosen) or remote


def _warn_once_about_proxy(remote: str) -> None:
    """A proxy's header from a private address with no proxy trusted: most likely the
    setting was forgotten, and every client shares the proxy's address."""
    global _warned_about_proxy  # once per process
    address = _address(remote)
    if _warned_about_proxy or address is None or not ipaddress.ip_address(address).is_private:
        return
    _warned_about_proxy = True
    logger.warning(
        "A request from %s carried X-Forwarded-For but SAFERPLAN_TRUSTED_PROXY_HOPS is 0: "
        "if saferplan is behind a reverse proxy, set it to the number of proxies, or every "
        "client shares the proxy's address for the sign-in lockout and rate limits",
        remote,
    )
