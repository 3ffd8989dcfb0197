"""Signing in: staff with a password and a one-time code."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import views  # noqa: E402,F401  registers the routes
