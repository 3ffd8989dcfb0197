"""Request rate limits (Flask-Limiter) on the public POSTs that make a case, send an email
or try a tracker sign-in: a brake on floods from one client address.

Every such request from one address counts against one limit, ``RATE_LIMIT``, whichever
form it sends. The counts live in memory, each process its own, unless
``RATE_LIMIT_STORAGE`` names a Redis server, which every process and machine then shares.
If that store cannot be reached the request goes ahead and the error is logged: nobody is
turned away from complaining for want of a counter. The guard against guessing is
elsewhere: sign-in throttles are counted in the database (``services/throttle.py``). Staff
pages are not limited here; they have that throttle and authenticator codes.
"""

import time
from math import ceil

from flask import Flask, current_app, request
from flask_limiter import Limiter

from .config import derived_key
from .extensions import without_request_hooks
from .services.throttle import keyed


def _client_key() -> str:
    # The address (as ProxyFix found it) is kept only as a keyed hash, both in the store and
    # in the line Flask-Limiter logs when a limit is broken.
    return keyed(derived_key(current_app.config, "rate-limit"), request.remote_addr or "")


def _limit() -> str:
    return current_app.config["RATE_LIMIT"]


limiter = Limiter(key_func=_client_key)


@limiter.request_filter
def _reading() -> bool:
    """Only POSTs are limited, so a request that reads is let through without the
    bookkeeping Flask-Limiter otherwise does for a decorated view."""
    return request.method in ("GET", "HEAD", "OPTIONS")


#: Decorates a view whose POST makes a case, sends an email or tries a sign-in.
public_post = limiter.shared_limit(_limit, scope="public-post", methods=["POST"])


def init_app(app: Flask) -> None:
    """Count the decorated views' requests in the configured store."""
    app.config.update(
        RATELIMIT_STORAGE_URI=app.config["RATE_LIMIT_STORAGE"],
        RATELIMIT_SWALLOW_ERRORS=True,
    )
    # Flask-Limiter hooks every request: a check before it for default, application and
    # blueprint limits, which the portal has none of; after it, conditional deductions and
    # rate-limit headers, which the portal uses neither of; and a clean-up at its end.
    # ``public_post``'s limit is counted as the decorated view is called, so all three
    # are left out, and requests that are not limited pay nothing for the limiter. (So
    # RATELIMIT_HEADERS_ENABLED would add no headers: the hook that writes them is gone.)
    with without_request_hooks(app):
        # It keeps its store on the extension object, so in a process that makes several
        # apps (only the tests do) the app made last decides where counts are kept.
        limiter.init_app(app)


def seconds_until_reset() -> int:
    """How long until the limit this request broke lets the client in again."""
    broken = limiter.current_limit  # set whenever a limit is broken
    return max(1, ceil(broken.window.reset_time - time.time()))
