"""API token secrets: making them, naming them, hashing them. No Django here.

A secret is shown to its owner once; the database keeps only its SHA-256 hash
and the first few characters, which identify it on the token list without
being enough to use it. The secret is 32 random bytes, so a plain (unkeyed)
hash cannot be brute-forced the way a six-digit login code could.
"""

import hashlib
import secrets

PREFIX_LENGTH = 8


def new_secret() -> str:
    """43 URL-safe characters: fits in a header, survives copy and paste."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix_of(secret: str) -> str:
    return secret[:PREFIX_LENGTH]
