"""The complaints, compliments and representations portal."""

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from limits import parse_many
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    assets,
    cli,
    database,
    errors,
    health,
    i18n,
    logs,
    rate_limits,
    security,
    staff_session,
)
from .config import INSTANCE, MIN_SECRET_KEY_BYTES, ROOT, sqlite_url
from .extensions import babel, csrf, db, migrate


class ConfigurationError(RuntimeError):
    """The configuration is unsafe or incomplete; the portal will not start with it."""


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the portal: defaults, then instance/config.py, then PORTAL_* env, then ``config``."""
    app = Flask(
        __name__,
        instance_path=str(INSTANCE),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object("portal.config.Defaults")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("PORTAL")
    app.config.update(config or {})
    _finish_config(app)
    _trust_proxies(app)
    _configure_templates(app)
    _init_extensions(app)
    _register_blueprints(app)
    return app


def _finish_config(app: Flask) -> None:
    Path(app.instance_path).mkdir(exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"] or sqlite_url(
        Path(app.instance_path) / "portal.sqlite3"
    )
    _check_rate_limit(app)
    if app.config["ENVIRONMENT"] == "production":
        _check_production(app)
        # Sent only over HTTPS, only to this exact host (the __Host- prefix makes browsers
        # refuse it otherwise), never readable by script, and gone when the browser closes.
        app.config.update(
            SESSION_COOKIE_SECURE=True,
            SESSION_COOKIE_NAME="__Host-session",
            STAFF_COOKIE_NAME="__Host-staff",
        )
        # A request naming another host is refused, so a forged Host never shapes a page
        # (links in emails come from PUBLIC_URL alone).
        app.config["TRUSTED_HOSTS"] = app.config["TRUSTED_HOSTS"] or [
            urlsplit(app.config["PUBLIC_URL"]).hostname
        ]
    elif not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _development_secret(Path(app.instance_path))


def _trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For and -Proto only as far back as the council's own proxies."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)


def _check_rate_limit(app: Flask) -> None:
    # Refused now: read only when a form is sent, a typing error would turn the limit off.
    try:
        parse_many(app.config["RATE_LIMIT"])
    except ValueError:
        raise ConfigurationError(
            'Set PORTAL_RATE_LIMIT to limits such as "30 per minute; 300 per hour".'
        ) from None


def _check_production(app: Flask) -> None:
    key = app.config["SECRET_KEY"] or ""
    if len(key.encode()) < MIN_SECRET_KEY_BYTES or len(set(key)) < 16:
        raise ConfigurationError(
            "Set PORTAL_SECRET_KEY to at least 32 random bytes, for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )
    pepper = app.config["TRACKER_PEPPER"] or ""
    if len(pepper.encode()) < MIN_SECRET_KEY_BYTES:
        raise ConfigurationError(
            "Set PORTAL_TRACKER_PEPPER to at least 32 random bytes, different from the secret "
            "key, and never change it afterwards."
        )
    if app.debug:
        raise ConfigurationError("Debug mode must be off in production.")
    if app.config["DEMO_DATA"]:
        raise ConfigurationError("Set PORTAL_DEMO_DATA=false in production.")


def _development_secret(instance: Path) -> str:
    """A random key kept in instance/, so development sessions survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _configure_templates(app: Flask) -> None:
    """Our templates, then GOV.UK Frontend's macros under their package names."""
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _init_extensions(app: Flask) -> None:
    logs.init_app(app)  # first: it sets engine options, and its request line runs last
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    rate_limits.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    staff_session.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    health.init_app(app)
    cli.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from .advocates import bp as advocates_bp
    from .auth import bp as auth_bp
    from .public import bp as public_bp
    from .staff import bp as staff_bp
    from .surveys import bp as surveys_bp
    from .tracker import bp as tracker_bp
    from .young import bp as young_bp

    blueprints = (public_bp, young_bp, auth_bp, staff_bp, tracker_bp, advocates_bp, surveys_bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
