"""Who is editing, as far as budgets and blocks need to know: salted hashes, never shown."""

import hashlib
import hmac

from django.conf import settings


def client_ip(request) -> str:
    """The client's address. Behind a proxy, only the hops we were told to trust are skipped."""
    trusted_hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted_hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted_hops:
            return forwarded[-trusted_hops]
    return request.META.get("REMOTE_ADDR", "")


def _digest(kind: str, value: str) -> str:
    key = f"wiki-identity:{kind}:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def ip_hash(request) -> str:
    return _digest("ip", client_ip(request))


def session_hash(request) -> str:
    """A stable hash of the visitor's session, creating the session if there is none yet."""
    session = request.session
    if session.session_key is None:
        session.save()
    return _digest("session", session.session_key)
