"""The complaints procedure as pure rules: no Flask, no database.

Stages and their transitions, outcomes and the other fixed vocabularies, the
working-day calendar for England, due dates, timeliness and response times.
"""
