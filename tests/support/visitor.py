"""A visitor to the portal over real HTTP, as a browser would be: it keeps its cookies, reads
each form's CSRF token from the page before sending it, and follows no redirect by itself.

Plain ``http.client``, one connection per visitor, so many visitors in threads are many
concurrent clients. Used by the multi-worker tests and by ``bench/load.py``.
"""

import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

#: An adult's own complaint through the adult complaint form, one page at a time.
ADULT_COMPLAINT = [
    ("who", {"role": "foster_carer"}),
    ("for-whom", {"for_whom": "myself"}),
    ("what-happened", {"what_happened": "My allowance was paid late three months running."}),
    ("when", {"when": "not_sure"}),
    ("team", {"team": "", "worker_name": ""}),
    ("outcome", {"wanted_outcome": "Payments on time."}),
    ("contact", {"full_name": "Robin Carer", "email": "robin@example.org", "phone": "",
                 "postal_address": ""}),
    ("contact-preferences", {"preferred_contact": "email", "safe_times": ""}),
    ("adjustments", {"interpreter_language": ""}),
]  # fmt: skip

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_REFERENCE = re.compile(r"\b[A-Z]{2,5}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
_WORDS = re.compile(r"<li>([a-z]+)</li>")


class VisitError(RuntimeError):
    """The portal answered something a working portal would not."""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Visitor:
    """One person's browser: a connection and a cookie jar."""

    base_url: str
    #: Sent as X-Forwarded-For with every request, as an untrusted client might.
    forwarded_for: str | None = None
    timeout: float = 60
    cookies: dict[str, str] = field(default_factory=dict)
    #: How many requests this visitor has made (for load figures).
    requests_made: int = 0
    _connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            parts = urlsplit(self.base_url)
            self._connection = http.client.HTTPConnection(
                parts.hostname, parts.port, timeout=self.timeout
            )
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(self, method: str, path: str, form: dict | None = None) -> Answer:
        """One request on this visitor's connection (reopened once if the server closed it)."""
        headers = {"Host": urlsplit(self.base_url).netloc}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.requests_made += 1
        for retry in (True, False):
            try:
                connection = self._connect()
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()  # a worker restarted or the keep-alive ended: try afresh once
                if not retry:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.status >= 500:
            raise VisitError(f"{method} {path}: {response.status}")
        return Answer(response.status, response.headers, text)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def form_token(self, path: str) -> str:
        """The CSRF token of the form on the page at ``path``."""
        page = self.get(path)
        token = _CSRF.search(page.text)
        if token is None:
            raise VisitError(f"no CSRF token on {path} ({page.status})")
        return token.group(1)

    def post(self, path: str, form: dict) -> Answer:
        """Send a form the way a browser does: read the page's token, then post."""
        return self.request("POST", path, {**form, "csrf_token": self.form_token(path)})

    def answer_complaint(self, answers: list[tuple[str, dict]] = ADULT_COMPLAINT) -> None:
        """Answer every question of the complaint form, ending at check your answers."""
        for slug, data in answers:
            answer = self.post(f"/complain/{slug}", data)
            if answer.status != 303:
                raise VisitError(f"/complain/{slug} answered {answer.status}")
        if answer.location != "/complain/check":
            raise VisitError(f"the last question led to {answer.location}")

    def send_complaint(self) -> Answer:
        """Press "Send" on check your answers (the page is read first for its token)."""
        return self.post("/complain/check", {})

    def confirmation(self) -> tuple[str, str | None]:
        """The reference and (on the first view only) the secret words the confirmation shows."""
        page = self.get("/complain/sent")
        reference = _REFERENCE.search(page.text)
        if page.status != 200 or reference is None:
            raise VisitError(f"no reference on the confirmation ({page.status})")
        words = None
        if 'id="secret-words-heading"' in page.text:
            section = page.text.split('id="secret-words-heading"')[1].split("</ol>")[0]
            words = " ".join(_WORDS.findall(section))
        return reference.group(0), words

    def complain(self) -> tuple[str, str]:
        """Make a complaint from start to finish; its reference and secret words."""
        self.answer_complaint()
        sent = self.send_complaint()
        if sent.location != "/complain/sent":
            raise VisitError(f"sending led to {sent.status} {sent.location}")
        reference, words = self.confirmation()
        if words is None:
            raise VisitError("the confirmation showed no secret words")
        return reference, words

    def track(self, reference: str, words: str) -> bool:
        """Sign in to the tracker; True if the case's updates opened, showing its reference."""
        answer = self.post("/track", {"reference": reference, "words": words})
        if answer.status != 303 or answer.location != "/track/updates":
            return False
        return reference in self.get("/track/updates").text

    def staff_password(self, email: str, password: str) -> bool:
        """Give a staff email and password; True if the portal asks for the next step."""
        answer = self.post("/staff/sign-in", {"email": email, "password": password})
        return answer.status == 303 and "/staff/sign-in/" in answer.location
