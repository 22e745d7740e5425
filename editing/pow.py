"""A self-hosted proof-of-work challenge for anonymous saves.

The server hands out a signed challenge (page, difficulty, random salt, timestamp).
The browser finds a nonce such that sha256(challenge + nonce) starts with ``bits``
zero bits (editing/static/editing/edit.js); the server checks the signature, age, page and
hash, and accepts each challenge once (the cache remembers spent ones).
"""

import hashlib
import secrets

from django.core import signing

from editing import conf

SALT = "editing.pow"


def issue(target: str) -> str:
    """A challenge for saving to ``target`` (a page id, or "create:<lang>")."""
    return signing.dumps({"t": str(target), "b": conf.get("EDIT_POW_BITS"), "r": secrets.token_hex(8)}, salt=SALT)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def digest(challenge: str, nonce: str) -> bytes:
    return hashlib.sha256(f"{challenge}{nonce}".encode()).digest()


def solve(challenge: str) -> str:
    """Find a nonce (what the browser does; used by tests and scripts)."""
    bits = signing.loads(challenge, salt=SALT)["b"]
    nonce = 0
    while leading_zero_bits(digest(challenge, str(nonce))) < bits:
        nonce += 1
    return str(nonce)


def verify(challenge: str, nonce: str, target: str) -> bool:
    """True once for a valid, fresh, solved challenge for ``target``."""
    if not challenge or not nonce or len(nonce) > 32 or len(challenge) > 400:
        return False
    try:
        data = signing.loads(challenge, salt=SALT, max_age=conf.get("EDIT_POW_MAX_AGE"))
    except signing.BadSignature:
        return False
    if data.get("t") != str(target) or leading_zero_bits(digest(challenge, nonce)) < int(data.get("b", 0)):
        return False
    spent_key = "editing:pow:" + hashlib.sha256(challenge.encode()).hexdigest()
    return conf.antispam_cache().add(spent_key, 1, timeout=conf.get("EDIT_POW_MAX_AGE") + 60)
