"""Sign-in for shared deployments: users in a file, passwords hashed (werkzeug.security, scrypt), HTTP Basic
through dash-auth. The signed-in user's name is `current_user()` for the features that record who did what.

The users file holds one `name:hash` line per user, written by `newsgraph users add NAME`; it is created
readable by its owner only. Basic credentials travel in every request, so a shared deployment serves the
dashboard behind TLS (a reverse proxy); see README, Security.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from pathlib import Path

import dash_auth
import flask
from dash import Dash
from werkzeug.security import check_password_hash, generate_password_hash

from newsgraph.config import PROJECT_ROOT

DEFAULT_USERS_FILE = PROJECT_ROOT / ".newsgraph-users"
USER_NAME = re.compile(r"^[\w.@-]{1,64}$", re.UNICODE)
MIN_PASSWORD = 10


class UsersFileError(ValueError):
    """A users file that cannot be used; the message names the file and line."""


def users_file() -> Path:
    return Path(os.environ.get("NEWSGRAPH_USERS_FILE") or DEFAULT_USERS_FILE)


def load_users(path: Path) -> dict[str, str]:
    """name → password hash."""
    users: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, hashed = line.partition(":")
        if not sep or not USER_NAME.fullmatch(name) or not hashed.strip():
            raise UsersFileError(f"{path}:{number}: a line reads NAME:HASH (written by `newsgraph users add`)")
        users[name] = hashed.strip()
    return users


def save_user(path: Path, name: str, password: str) -> None:
    """Add or replace a user, with the password hashed; the file stays readable by its owner only."""
    if not USER_NAME.fullmatch(name):
        raise ValueError(f"user name {name!r}: use 1 to 64 letters, digits, '.', '_', '@' or '-'")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    users = load_users(path) if path.exists() else {}
    users[name] = generate_password_hash(password)
    _write(path, users)


def remove_user(path: Path, name: str) -> bool:
    users = load_users(path) if path.exists() else {}
    if users.pop(name, None) is None:
        return False
    _write(path, users)
    return True


def _write(path: Path, users: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write("# newsgraph dashboard users: NAME:HASH (werkzeug.security); edit with `newsgraph users`\n")
        out.writelines(f"{name}:{hashed}\n" for name, hashed in sorted(users.items()))
    partial.replace(path)


class PasswordFileAuth(dash_auth.BasicAuth):
    """dash-auth's HTTP Basic check against hashed passwords; a malformed header is a refusal, not an error."""

    def __init__(self, app: Dash, users: dict[str, str]) -> None:
        self._hashes = users
        super().__init__(app, auth_func=self._check)

    def _check(self, name: str, password: str) -> bool:
        hashed = self._hashes.get(name)
        return hashed is not None and check_password_hash(hashed, password)

    def is_authorized(self) -> bool:
        header = flask.request.headers.get("Authorization", "")
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic" or not encoded:
            return False
        try:
            name, sep, password = base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return False
        if not sep or not self._check(name, password):
            return False
        flask.g.user = name
        return True


def current_user() -> str | None:
    """The signed-in user of this request (None when sign-in is off)."""
    return flask.g.get("user") if flask.has_request_context() else None
