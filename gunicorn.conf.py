"""gunicorn's settings, read from the folder it starts in (``gunicorn -w 4 wsgi:app``).

The portal logs one JSON line per request itself, naming the URL rule (``/track/l/<token>``)
and never the raw path or query string, which can hold a sign-in link's token. So gunicorn's
own access log stays off.
"""

accesslog = None
#: Should someone turn the access log on: no path, query string, referrer or address.
access_log_format = '%(t)s "%(m)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
