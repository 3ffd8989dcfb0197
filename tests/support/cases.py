"""Cases made straight in the database, for tests about what happens after a case closes."""

from datetime import timedelta

from portal import clock
from portal.extensions import db
from portal.models import Case, Person, PersonRole
from portal.procedure.stages import Step
from portal.procedure.taxonomy import CaseKind, Procedure, SubmittedBy


def closed_case(app, reference, *, email="person@example.org", child=False, closed_on=None,
                kind=CaseKind.COMPLAINT, preferred="email", step=Step.CLOSED,
                language="en"):  # fmt: skip
    """A case closed on ``closed_on`` (today by default), with one person to write to."""
    submitted_by = SubmittedBy.CHILD if child else SubmittedBy.PARENT
    with app.app_context():
        closed_on = closed_on or clock.today()
        case = Case(
            reference=reference, kind=kind, received_on=closed_on - timedelta(days=20),
            channel="web", submitted_by=submitted_by, child_led=child,
            procedure=Procedure.STATUTORY if kind is CaseKind.COMPLAINT else None,
            step=step if kind is CaseKind.COMPLAINT else None, closed_on=closed_on,
            language=language,
        )  # fmt: skip
        db.session.add(case)
        db.session.flush()
        role = PersonRole.CHILD if child else PersonRole.COMPLAINANT
        db.session.add(Person(case_id=case.id, role=role, email=email,
                              preferred_contact=preferred))  # fmt: skip
        db.session.commit()
