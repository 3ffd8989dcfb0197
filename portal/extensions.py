"""Extension singletons, bound to the app in :func:`portal.create_app`."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from .models.base import Base, render_migration_item

db = SQLAlchemy(model_class=Base)
migrate = Migrate(
    directory=str(Path(__file__).parent / "migrations"),
    render_as_batch=True,
    compare_type=True,
    render_item=render_migration_item,
)
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()


@contextmanager
def without_request_hooks(app: Flask) -> Iterator[None]:
    """Set up an extension inside this block to leave out the hooks it adds to every
    request: the app's before-, after- and end-of-request hooks are put back as they were.
    For extensions whose per-request work the portal does not use, so that requests do
    not pay for it."""
    hooks = (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs)
    kept = [list(hook.get(None, ())) for hook in hooks]
    yield
    for hook, before in zip(hooks, kept, strict=True):
        hook[None] = before
