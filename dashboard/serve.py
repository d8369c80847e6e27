"""Serving the dashboard to a team: gunicorn (worker processes, each with threads and its own Neo4j driver), only
the Host names it is meant to answer to, and sign-in when a users file exists.

    newsgraph dashboard --host 0.0.0.0 --workers 4 --allowed-host graph.example.org

Flask's development server is only used with `--debug`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from flask import Flask, abort, request
from gunicorn.app.base import BaseApplication

from newsgraph.config import Settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def allowed_hosts(bind_host: str, extra: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The Host header values the dashboard answers (Flask's TRUSTED_HOSTS): loopback names, the address it is
    bound to, `--allowed-host` values and NEWSGRAPH_ALLOWED_HOSTS (comma-separated). Any other Host — the
    precondition of DNS rebinding — gets 400 Bad Request."""
    hosts = list(LOOPBACK_HOSTS)
    if bind_host not in WILDCARD_HOSTS:
        hosts.append(bind_host)
    from_env = [h.strip() for h in os.environ.get("NEWSGRAPH_ALLOWED_HOSTS", "").split(",") if h.strip()]
    return list(dict.fromkeys([*hosts, *extra, *from_env]))


def is_loopback(bind_host: str) -> bool:
    return bind_host in LOOPBACK_HOSTS


def build_server(settings: Settings, hosts: list[str], users: dict[str, str] | None) -> Flask:
    """The dashboard's WSGI app: one Neo4j driver, trusted hosts, and sign-in when `users` is given."""
    from dashboard.app import create_app
    from dashboard.auth import PasswordFileAuth
    from newsgraph.db import connect

    app = create_app(connect(settings), settings.database)
    app.server.config["TRUSTED_HOSTS"] = hosts  # checked by Flask on every request, before any callback

    @app.server.before_request
    def well_formed_callback() -> Any:
        """A callback request that is not the object Dash sends gets 400, not a traceback and a 500."""
        if request.path.endswith("/_dash-update-component"):
            body = request.get_json(silent=True)
            if not isinstance(body, dict) or not isinstance(body.get("output"), str) or \
                    body["output"] not in app.callback_map or not isinstance(body.get("inputs"), list):
                abort(400, "not a callback of this dashboard")
        return None

    if users:
        PasswordFileAuth(app, users)
    # Dash finishes setting itself up on its first request, and marks that done before it is: another thread
    # serving the page's scripts meanwhile finds no component library registered, answers 500, and the page
    # stays at "Loading..." for good (seen under gunicorn's threads on a cold start). One request made here,
    # before any analyst's, does the set-up on this thread alone.
    app.server.test_client().get("/", base_url=f"http://{hosts[0]}")
    return app.server


class DashboardServer(BaseApplication):  # type: ignore[misc]
    """gunicorn run from Python: each worker builds its own app after the fork (drivers are not fork-safe)."""

    def __init__(self, factory: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.factory()


def serve(settings: Settings, host: str, port: int, workers: int, threads: int, hosts: list[str],
          users: dict[str, str] | None) -> None:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    DashboardServer(lambda: build_server(settings, hosts, users), {
        "bind": bind, "workers": workers, "worker_class": "gthread", "threads": threads,
        "timeout": 120, "graceful_timeout": 10, "accesslog": None, "errorlog": "-", "loglevel": "warning",
        # A shared view is its URL: a saved query's result opened in the explorer lists up to 300 node ids.
        "limit_request_line": 8190,
    }).run()
