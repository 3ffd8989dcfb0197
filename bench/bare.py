"""The yardstick for ``bench/http.sh``: the smallest Flask app, one route answering a constant.

The portal's figures are given as a ratio to this app's, served the same way (gunicorn, same
workers, same machine, same run), so they say what the portal itself costs.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def constant() -> str:
    return "Hello, World!"
