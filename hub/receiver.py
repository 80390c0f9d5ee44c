"""The local receiver for quote requests and page feedback, so both forms
work in previews.

`invoke serve` runs one server for the preview: it serves output/ and, when
the quote form posts to a path of this site (`QUOTE_FORM_BACKEND = "url"` with
`QUOTE_FORM_ACTION = "/quote/send"`), receives the form at that path. Each
request is appended as one line of JSON to `var/quote-requests.jsonl`
(git-ignored), then the visitor is sent to the thank-you page. The "Is this
page useful?" form posts to the same path with a `form-name` of `feedback`:
it is appended to `var/feedback.jsonl` instead, and the visitor is sent to the
feedback thank-you page.

It is for an editor's own machine, not the internet, but it still refuses
what a real backend would: bodies over `MAX_BODY_BYTES` (413), anything that
is not a UTF-8 URL-encoded form or misses a required field (400), and requests
not sent in full within `PreviewHandler.request_seconds` (408).
A filled-in honeypot is redirected as if it were sent, and not recorded.
"""

import email.message
import functools
import io
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from plugins.quote_form import HONEYPOTS
from plugins.quote_form.fields import (
    ANSWER,
    FEEDBACK_FIELDS,
    PROBLEM,
    QUOTE_FIELDS,
    names,
    option_values,
    required,
)

# What the forms (plugins/quote_form/fields.yml) send and must not leave empty;
# Yes or No stands in for the problem report that the feedback form requires.
FIELDS = names(QUOTE_FIELDS)
REQUIRED = required(QUOTE_FIELDS)
FEEDBACK = names(FEEDBACK_FIELDS)
FEEDBACK_REQUIRED = tuple(name for name in required(FEEDBACK_FIELDS) if name != PROBLEM)
ANSWERS = option_values(FEEDBACK_FIELDS, ANSWER)
HONEYPOT = HONEYPOTS["url"]
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_BODY_BYTES = 100_000
MAX_FIELDS = 100
SUBMISSIONS = Path("var") / "quote-requests.jsonl"
FEEDBACK_FILE = "feedback.jsonl"
# JSON leaves these raw, but str.splitlines and many log tools break lines at them.
LINE_BREAKS = {ord(char): f"\\u{ord(char):04x}" for char in "\x85\u2028\u2029"}
# A client that has closed its tab or connection: nothing to report.
CLIENT_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


class Rejected(Exception):
    """A request the receiver refuses, with the status and what to do."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Receiver:
    """Where the forms post, where visitors go next, and where they are kept:
    quote requests in `submissions`, feedback in `feedback` (by default the
    file beside it)."""

    endpoint: str
    thanks: str
    submissions: Path = SUBMISSIONS
    feedback_thanks: str = "/feedback-thank-you/"
    feedback: Path | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self):
        if self.feedback is None:
            self.feedback = Path(self.submissions).with_name(FEEDBACK_FILE)

    def receive(self, form, referer=""):
        """Record one parsed form; the page to send the visitor to, and
        whether it was recorded (not when the honeypot caught a robot)."""
        kind = _one(form, "form-name") or "quote"
        if kind == "feedback":
            return self.feedback_thanks, self._receive_feedback(form)
        if kind != "quote":
            raise Rejected(HTTPStatus.BAD_REQUEST, f"Unknown form '{kind}'.")
        return self.thanks, self._receive_quote(form, referer)

    def _receive_quote(self, form, referer):
        values = _values(form, FIELDS)
        if values is None:
            return False
        if not values["source_article"]:
            values["source_article"] = _source_from(referer)
        _require(values, REQUIRED)
        self._append(self.submissions, values)
        return True

    def _receive_feedback(self, form):
        values = _values(form, FEEDBACK)
        if values is None:
            return False
        _require(values, FEEDBACK_REQUIRED)
        useful = values[ANSWER].strip()
        if useful not in ("", *ANSWERS) or not (useful or values[PROBLEM].strip()):
            raise Rejected(
                HTTPStatus.BAD_REQUEST,
                "Say whether the page is useful, or what is wrong with it.",
            )
        self._append(self.feedback, values)
        return True

    def _append(self, path, values):
        record = {"received": datetime.now(UTC).isoformat(), **values}
        line = json.dumps(record, ensure_ascii=False).translate(LINE_BREAKS) + "\n"
        with self._lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(line)


def _one(form, name):
    """A field's value; a field sent twice is refused."""
    values = form.get(name, [""])
    if len(values) > 1:
        raise Rejected(HTTPStatus.BAD_REQUEST, f"The field '{name}' was sent twice.")
    return values[0]


def _values(form, names):
    """The fields by name ("" when not sent); None when the honeypot is filled."""
    values = {name: _one(form, name) for name in names}
    return None if _one(form, HONEYPOT).strip() else values


def _require(values, required):
    missing = [name for name in required if not values[name].strip()]
    if missing:
        raise Rejected(
            HTTPStatus.BAD_REQUEST,
            "Missing required fields: "
            + ", ".join(missing)
            + ". Go back, fill them in and send the form again.",
        )


def _source_from(referer):
    """Without JavaScript the hidden field is empty; the quote page's URL is not."""
    try:
        query = parse_qs(urlsplit(referer).query)
    except ValueError:
        return ""
    return query.get("source_article", [""])[0]


def parse_form(headers, body_file):
    """The fields of a URL-encoded UTF-8 form body, or Rejected."""
    if headers.get("Transfer-Encoding"):
        raise Rejected(HTTPStatus.LENGTH_REQUIRED, "Send the form with a length.")
    length = headers.get("Content-Length")
    if length is None:
        raise Rejected(HTTPStatus.LENGTH_REQUIRED, "Send the form with a length.")
    try:
        length = int(length)
    except ValueError:
        length = -1
    if length < 0:
        raise Rejected(HTTPStatus.BAD_REQUEST, "The Content-Length is not a number.")
    if length > MAX_BODY_BYTES:
        raise Rejected(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"The form is too large: {length} bytes, the limit is {MAX_BODY_BYTES}.",
        )
    content_type = email.message.Message()
    content_type["Content-Type"] = headers.get("Content-Type", "")
    charset = (content_type.get_param("charset") or "utf-8").lower()
    if content_type.get_content_type() != FORM_TYPE or charset != "utf-8":
        raise Rejected(
            HTTPStatus.BAD_REQUEST,
            f"Expected a form ({FORM_TYPE}, UTF-8), got "
            f"'{headers.get('Content-Type', '')}'.",
        )
    try:
        body = body_file.read(length)
    except TimeoutError:
        body = b""
    if len(body) != length:
        raise Rejected(HTTPStatus.BAD_REQUEST, "The form arrived incomplete.")
    try:
        return parse_qs(
            body.decode("ascii"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise Rejected(
            HTTPStatus.BAD_REQUEST, "The form is not URL-encoded UTF-8 text."
        ) from None
    except ValueError:
        raise Rejected(
            HTTPStatus.BAD_REQUEST, f"The form has more than {MAX_FIELDS} fields."
        ) from None


class TooSlow(Exception):
    """The client has not sent its whole request in the time allowed."""


class DeadlineReader(io.RawIOBase):
    """A socket's bytes until a deadline, then TooSlow: the socket's timeout
    limits each read, so a byte every few seconds would hold a thread."""

    def __init__(self, connection, seconds):
        self.connection = connection
        self.read_timeout = connection.gettimeout()
        self.deadline = time.monotonic() + seconds

    def readable(self):
        return True

    def readinto(self, buffer):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TooSlow
        self.connection.settimeout(min(left, self.read_timeout))
        try:
            return self.connection.recv_into(buffer)
        except TimeoutError:
            if time.monotonic() >= self.deadline:
                raise TooSlow from None
            raise
        finally:
            self.connection.settimeout(self.read_timeout)  # for the reply


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the built site; receives the quote form at its endpoint."""

    timeout = 10  # seconds a client may take to send each part of its request
    request_seconds = 30  # ... and to send all of it (one request a connection)

    def __init__(self, *args, receiver=None, **kwargs):
        self.receiver = receiver
        super().__init__(*args, **kwargs)

    def setup(self):
        super().setup()
        self.rfile.close()
        self.rfile = io.BufferedReader(
            DeadlineReader(self.connection, self.request_seconds)
        )

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except TooSlow:
            if not hasattr(self, "command"):  # the request line is unfinished
                self.requestline = self.request_version = self.command = ""
            self._reply(HTTPStatus.REQUEST_TIMEOUT, "The request took too long.")

    def do_POST(self):
        if self.receiver is None or urlsplit(self.path).path != self.receiver.endpoint:
            self._reply(HTTPStatus.NOT_FOUND, "Nothing here receives forms.")
            return
        try:
            form = parse_form(self.headers, self.rfile)
            thanks, recorded = self.receiver.receive(
                form, self.headers.get("Referer", "")
            )
        except Rejected as error:
            self._reply(error.status, error.message)
            return
        if recorded:
            self.log_message("Form recorded; the visitor goes on to %s", thanks)
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", thanks)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _reply(self, status, message):
        body = f"{status.value} {status.phrase}: {message}\n".encode()
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


class PreviewServer(ThreadingHTTPServer):
    request_queue_size = 64  # browsers open several connections at once

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], CLIENT_GONE):
            super().handle_error(request, client_address)


def receiver_for(settings, submissions=SUBMISSIONS):
    """The receiver for a preview's settings; None if the forms post elsewhere."""
    action = settings.get("QUOTE_FORM_ACTION") or ""
    if settings.get("QUOTE_FORM_BACKEND") != "url" or not action.startswith("/"):
        return None
    thanks = "/" + settings.get("QUOTE_FORM_THANKS_URL", "quote-thank-you/")
    feedback_thanks = "/" + settings.get(
        "FEEDBACK_FORM_THANKS_URL", "feedback-thank-you/"
    )
    return Receiver(urlsplit(action).path, thanks, Path(submissions), feedback_thanks)


def make_server(
    directory, port=0, receiver=None, host="127.0.0.1", handler=PreviewHandler, **extra
):
    """A threaded server for `directory`; port 0 picks a free port."""
    bound = functools.partial(
        handler, directory=str(directory), receiver=receiver, **extra
    )
    return PreviewServer((host, port), bound)
