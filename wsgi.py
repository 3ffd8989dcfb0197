"""The WSGI entry point: ``gunicorn wsgi:app``."""

import gc

from portal import create_app

app = create_app()
# Everything made so far (the app, its templates, translations and mappers) lives as long
# as the process: leave it out of the garbage collector's rounds, which otherwise walk it
# all and add tens of milliseconds to whichever request they fall in.
gc.freeze()
