"""Anonymous feedback on the forms themselves."""

from sqlalchemy.orm import Session

from ..models import FormFeedback

#: The forms that ask for feedback on themselves.
FORMS = ("complaint", "compliment")


def record_form_feedback(session: Session, form: str, rating: int, comment: str | None) -> None:
    """Keep one person's view of a form; nothing links it to them or their case."""
    session.add(FormFeedback(form=form, rating=rating, comment=comment or None))
