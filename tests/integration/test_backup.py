"""`flask backup` and `flask restore`, on SQLite and PostgreSQL: a case made before the
backup is found through the tracker of a portal on the restored database. (The backup taken
while a multi-worker portal is busy is in test_under_gunicorn.py.)"""

from sqlalchemy import func, select

from portal import create_app
from portal.extensions import db
from portal.models import Case

from ..support.databases import app_config
from .test_tracker import complain, sign_in


def portal(database_url):
    app = create_app(app_config(database_url, WTF_CSRF_ENABLED=False))
    return app


def opens_on_the_tracker(app, reference, words):
    client = app.test_client()
    answer = sign_in(client, reference, words)
    return answer.headers.get("Location") == "/track/updates" and (
        reference in client.get("/track/updates").get_data(as_text=True)
    )


def case_count(app):
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Case))
        db.engine.dispose()
    return count


def test_a_restored_backup_opens_a_case_made_before_it(database_templates, tmp_path):
    original = portal(database_templates.fresh())
    reference, words = complain(original)
    backup = tmp_path / "portal.backup"
    result = original.test_cli_runner().invoke(args=["backup", str(backup)])
    assert result.exit_code == 0, result.output
    assert backup.stat().st_size > 0
    complain(original)  # after the backup: not in it

    restored = portal(database_templates.empty())
    result = restored.test_cli_runner().invoke(args=["restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert opens_on_the_tracker(restored, reference, words)
    assert opens_on_the_tracker(restored, reference, "wrong words entirely here now") is False
    assert case_count(restored) == 1
    with original.app_context():
        db.engine.dispose()


def test_restore_replaces_a_database_with_data_only_when_told_to(database_templates, tmp_path):
    first = portal(database_templates.fresh())
    reference, words = complain(first)
    backup = tmp_path / "portal.backup"
    assert first.test_cli_runner().invoke(args=["backup", str(backup)]).exit_code == 0

    other = portal(database_templates.fresh())
    complain(other)
    complain(other)
    refused = other.test_cli_runner().invoke(args=["restore", str(backup)])
    assert refused.exit_code != 0
    assert "--yes" in refused.output
    assert case_count(other) == 2  # untouched

    done = other.test_cli_runner().invoke(args=["restore", "--yes", str(backup)])
    assert done.exit_code == 0, done.output
    assert case_count(other) == 1
    assert opens_on_the_tracker(other, reference, words)
    with first.app_context():
        db.engine.dispose()


def test_restore_refuses_a_file_that_is_not_a_backup(database_templates, tmp_path):
    app = portal(database_templates.empty())
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all" * 100)
    result = app.test_cli_runner().invoke(args=["restore", str(junk)])
    assert result.exit_code != 0
    missing = app.test_cli_runner().invoke(args=["restore", str(tmp_path / "nothing")])
    assert missing.exit_code != 0 and "There is no backup" in missing.output
