"""Sign in to a running portal as a demo member of staff, through the real pages, and print
the session cookie as ``name=value`` (for security scanners that need to be signed in).

    python security/staff_cookie.py http://127.0.0.1:5077 officer@example.org

Demo staff have no authenticator yet, so the first sign-in goes through "Set up your
authenticator app": the page shows the new key, from which this computes the code, as the
app on a phone would. For throwaway demo databases only: the key is enrolled for good.
"""

import argparse
import re
import sys
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pyotp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.demo import DEMO_PASSWORD

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_KEY = re.compile(r'class="portal-secret-key">([A-Z2-7]+)<')


def _found(pattern: re.Pattern[str], page: str, what: str) -> str:
    match = pattern.search(page)
    if match is None:
        raise SystemExit(f"Could not find the {what} on the page: is this the portal?")
    return match.group(1)


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in and return the session cookie as ``name=value``."""
    jar = CookieJar()
    browser = build_opener(HTTPCookieProcessor(jar))

    def page(path: str, form: dict[str, str] | None = None) -> tuple[str, str]:
        data = urlencode(form).encode() if form is not None else None
        with browser.open(base + path, data=data, timeout=30) as response:
            return response.geturl(), response.read().decode()

    _, form_page = page("/staff/sign-in")
    token = _found(_TOKEN, form_page, "form's token")
    landed, next_page = page(
        "/staff/sign-in", {"csrf_token": token, "email": email, "password": password}
    )
    if landed.endswith("/set-up"):
        code = pyotp.TOTP(_found(_KEY, next_page, "authenticator key")).now()
        landed, _ = page(
            "/staff/sign-in/set-up",
            {"csrf_token": _found(_TOKEN, next_page, "form's token"), "code": code},
        )
    if not landed.rstrip("/").endswith("/staff"):
        raise SystemExit(f"Signing in as {email} did not reach the queue (ended at {landed}).")
    (cookie,) = [c for c in jar if "session" in c.name]
    return f"{cookie.name}={cookie.value}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="the portal's address, such as http://127.0.0.1:5077")
    parser.add_argument("email", nargs="?", default="officer@example.org")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    arguments = parser.parse_args()
    print(sign_in(arguments.base_url.rstrip("/"), arguments.email, arguments.password))


if __name__ == "__main__":
    main()
