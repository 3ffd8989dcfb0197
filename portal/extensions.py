"""Extension singletons, bound to the app in :func:`portal.create_app`."""

from pathlib import Path

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
