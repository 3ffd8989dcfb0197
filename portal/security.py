"""Response headers, redirect checks and the signed session cookie that every page
relies on."""

from urllib.parse import urlsplit

from flask import Flask, Response
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (guards ``next=`` redirects)."""
    if not target or "\\" in target or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def keep_private(response: Response) -> Response:
    """For pages about someone's case or behind a sign-in: never cached, never indexed."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def security_headers(app: Flask) -> dict[str, str]:
    """The headers every response carries, with HSTS in production."""
    if app.config["ENVIRONMENT"] == "production":
        return SECURITY_HEADERS | {"Strict-Transport-Security": "max-age=31536000"}
    return SECURITY_HEADERS


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the serializer that signs them made once for
    each set of keys rather than on every read and write of the cookie. Making one encodes
    a sample value to learn what it returns: about 20 µs of the home page's 250, and
    30 µs of a form page's, which reads and writes the cookie."""

    _made: tuple[tuple[object, ...], URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        made = self._made  # read once: another thread may replace it meanwhile
        if made is None or made[0] != keys:
            made = self._made = (keys, super().get_signing_serializer(app))
        return made[1]


def init_app(app: Flask) -> None:
    """Sign sessions with :class:`SignedCookieSessions`, and add the security headers to
    every response, static files and errors included (the fingerprinted files get them
    from ``assets``)."""
    app.session_interface = SignedCookieSessions()
    headers = [(name.lower(), name, value) for name, value in security_headers(app).items()]

    @app.after_request
    def _add_headers(response: Response) -> Response:
        # A view's own value of a header stands. The names are read once: werkzeug looks
        # a header up by scanning the list, which would be once for each header here.
        present = {name.lower() for name, _value in response.headers.items()}
        for lowered, name, value in headers:
            if lowered not in present:
                response.headers.add(name, value)
        if response.mimetype == "text/html" and "cache-control" not in present:
            response.headers.add("Cache-Control", "no-store")
        return response
