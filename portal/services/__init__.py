"""Every change of state: check the rule, change rows, append an audit event, flush.

Services take the database session as their first argument and never commit; the caller
(a view or a command) commits once, so each submission is one transaction.
"""
