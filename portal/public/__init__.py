"""The public front door: the home page, help pages and the language switcher."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from . import views  # noqa: E402,F401  registers the routes
from .advocacy import ADVOCACY_PAGES  # noqa: E402
from .complaint import COMPLAINT_PAGES  # noqa: E402

COMPLAINT_PAGES.register(bp)
ADVOCACY_PAGES.register(bp)
