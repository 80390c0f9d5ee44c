"""The local quote receiver (hub/receiver.py), spoken to over real HTTP."""

import http.client
import json
import socket
import threading
import time
from urllib.parse import urlencode

import pytest
from pelican.settings import read_settings

from browser import serving
from conftest import ROOT
from hub import receiver as receiver_module
from hub.receiver import MAX_BODY_BYTES, PreviewHandler, Receiver, receiver_for

FORM = {
    "name": "Gwen Jones",
    "organisation": "Example Care Ltd",
    "email": "gwen@example.org",
    "phone": "",
    "service": "not-sure",
    "tender": "",
    "deadline": "",
    "documents_url": "",
    "message": "Hello",
    "consent": "yes",
    "source_article": "writing-method-statements",
}
FORM_TYPE = "application/x-www-form-urlencoded"
FEEDBACK = {
    "form-name": "feedback",
    "page": "/writing-method-statements/",
    "useful": "no",
    "problem": "The link to Find a Tender is broken.",
    "email": "",
}


@pytest.fixture
def server(tmp_path):
    (tmp_path / "site" / "quote").mkdir(parents=True)
    (tmp_path / "site" / "quote" / "index.html").write_text("<p>Quote form</p>")
    receiver = Receiver(
        "/quote/send", "/quote-thank-you/", tmp_path / "var" / "q.jsonl"
    )
    with serving(tmp_path / "site", receiver) as url:
        yield url.removeprefix("http://"), receiver.submissions


def request(address, body=b"", headers=None, method="POST", path="/quote/send"):
    connection = http.client.HTTPConnection(address, timeout=10)
    try:
        connection.putrequest(method, path)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        if body:
            connection.send(body)
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read()
    finally:
        connection.close()


def post(address, fields, headers=None):
    body = urlencode(fields).encode("ascii") if isinstance(fields, dict) else fields
    sent = {"Content-Type": FORM_TYPE, "Content-Length": str(len(body))}
    return request(address, body, sent | (headers or {}))


def records(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_a_request_is_recorded_then_redirected_to_thank_you(server):
    address, submissions = server
    status, location, _ = post(address, FORM | {"form-name": "quote"})
    assert (status, location) == (303, "/quote-thank-you/")
    [record] = records(submissions)
    assert record.pop("received")
    assert record == FORM


def test_source_article_falls_back_to_the_referring_quote_page(server):
    address, submissions = server
    referer = {"Referer": "http://127.0.0.1/quote/?source_article=cqc-guide"}
    post(address, FORM | {"source_article": ""}, referer)
    post(address, FORM, referer)
    post(address, FORM | {"source_article": ""}, {"Referer": "http://["})
    sources = [record["source_article"] for record in records(submissions)]
    assert sources == ["cqc-guide", "writing-method-statements", ""]


def test_a_filled_honeypot_is_redirected_but_not_recorded(server):
    address, submissions = server
    status, location, _ = post(address, FORM | {"_gotcha": "http://spam.example"})
    assert (status, location) == (303, "/quote-thank-you/")
    assert records(submissions) == []


@pytest.mark.parametrize("blank", ["name", "organisation", "email", "message"])
def test_a_missing_required_field_is_refused(server, blank):
    address, submissions = server
    status, _, body = post(address, FORM | {blank: "  "})
    assert status == 400
    assert f"Missing required fields: {blank}." in body.decode()
    assert records(submissions) == []


def test_every_missing_field_is_named(server):
    address, submissions = server
    status, _, body = post(address, {"name": "Gwen"})
    assert status == 400
    assert "organisation, email, message, consent" in body.decode()
    assert records(submissions) == []


def test_a_body_over_the_limit_is_refused_unread(server):
    address, submissions = server
    headers = {"Content-Type": FORM_TYPE, "Content-Length": str(MAX_BODY_BYTES + 1)}
    status, _, body = request(address, headers=headers)
    assert status == 413
    assert str(MAX_BODY_BYTES) in body.decode()
    assert records(submissions) == []


@pytest.mark.parametrize(
    ("headers", "body", "status", "says"),
    [
        ({"Content-Type": "text/plain"}, b"name=x", 400, "Expected a form"),
        ({"Content-Type": "multipart/form-data; boundary=x"}, b"--x--", 400, "form"),
        ({"Content-Type": "application/json"}, b'{"name": 1}', 400, "form"),
        ({}, b"name=x", 400, "Expected a form"),
        ({"Content-Type": f"{FORM_TYPE}; charset=latin-1"}, b"name=x", 400, "UTF-8"),
        ({"Content-Type": ";;=="}, b"name=x", 400, "Expected a form"),
        ({"Content-Type": FORM_TYPE}, b"name=%ff%fe", 400, "not URL-encoded"),
        ({"Content-Type": FORM_TYPE}, "name=Siân".encode(), 400, "not URL-encoded"),
        ({"Content-Type": FORM_TYPE}, b"\x00\xff\x80", 400, "not URL-encoded"),
        ({"Content-Type": FORM_TYPE}, b"&" * 500, 400, "more than 100 fields"),
        ({"Content-Type": FORM_TYPE}, b"name=a&name=b", 400, "'name' was sent twice"),
    ],
)
def test_malformed_requests_get_a_message_not_a_crash(
    server, headers, body, status, says
):
    address, submissions = server
    sent = headers | {"Content-Length": str(len(body))}
    got, _, text = request(address, body, sent)
    assert got == status
    assert says in text.decode()
    assert records(submissions) == []
    # The server carries on.
    assert post(address, FORM)[0] == 303


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": FORM_TYPE}, 411),
        ({"Content-Type": FORM_TYPE, "Content-Length": "lots"}, 400),
        ({"Content-Type": FORM_TYPE, "Content-Length": "-5"}, 400),
        ({"Content-Type": FORM_TYPE, "Transfer-Encoding": "chunked"}, 411),
    ],
)
def test_a_body_without_a_usable_length_is_refused(server, headers, status):
    address, submissions = server
    assert request(address, b"", headers)[0] == status
    assert records(submissions) == []


def test_a_body_shorter_than_its_length_times_out(server, monkeypatch):
    monkeypatch.setattr(PreviewHandler, "timeout", 0.5)
    address, submissions = server
    headers = {"Content-Type": FORM_TYPE, "Content-Length": "100"}
    status, _, body = request(address, b"name=Gwen", headers)
    assert status == 400
    assert "incomplete" in body.decode()
    assert records(submissions) == []


def trickle(address, start, give_up_after=5):
    """Send `start`, then a byte every 0.3 s (well within the server's wait
    for each read) until the server closes: its reply and when it closed."""
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=0.3) as client:
        started = time.monotonic()
        client.sendall(start)
        reply = b""
        while time.monotonic() - started < give_up_after:
            try:
                chunk = client.recv(4096)
            except TimeoutError:
                client.sendall(b"a")
                continue
            if not chunk:
                return reply, time.monotonic() - started
            reply += chunk
    return reply, None


@pytest.mark.parametrize(
    "start",
    [
        b"POST /quote/se",
        b"POST /quote/send HTTP/1.1\r\nHost: x\r\nX-Slow: ",
        b"POST /quote/send HTTP/1.1\r\nContent-Type: "
        + FORM_TYPE.encode()
        + b"\r\nContent-Length: 1000\r\n\r\nname=",
    ],
    ids=["request line", "headers", "body"],
)
def test_a_request_trickled_in_is_cut_off_at_the_time_limit(server, monkeypatch, start):
    monkeypatch.setattr(PreviewHandler, "request_seconds", 1)
    address, submissions = server
    reply, closed_after = trickle(address, start)
    assert reply.startswith(b"HTTP/1.0 408 ")
    assert 0.9 < closed_after < 2
    assert records(submissions) == []
    assert post(address, FORM)[0] == 303


def test_the_site_is_served_and_other_posts_are_not_found(server):
    address, _ = server
    status, _, body = request(address, method="GET", path="/quote/")
    assert (status, body) == (200, b"<p>Quote form</p>")
    assert request(address, b"name=x", {"Content-Length": "6"}, path="/other")[0] == 404


def test_requests_sent_at_once_are_each_one_whole_line(server):
    address, submissions = server
    threads = [
        threading.Thread(target=post, args=(address, FORM | {"name": f"Person {n}"}))
        for n in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = sorted(record["name"] for record in records(submissions))
    assert names == sorted(f"Person {n}" for n in range(20))


def test_each_request_is_one_line_by_any_definition_of_line(server):
    address, submissions = server
    breaks = "a\u2028b\u2029c\x85d\x0be\x1cf\r\ng\nh"
    form = {name: f"{value} {breaks}" for name, value in FORM.items()}
    assert post(address, form)[0] == 303
    text = submissions.read_text("utf-8")
    assert len(text.splitlines()) == 1
    record = json.loads(text)
    assert record.pop("received")
    assert record == form


def test_the_preview_settings_turn_the_receiver_on():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    receiver = receiver_for(settings)
    assert receiver.endpoint == settings["QUOTE_FORM_ACTION"] == "/quote/send"
    assert receiver.thanks == "/quote-thank-you/"
    assert receiver.submissions == receiver_module.SUBMISSIONS
    assert receiver.feedback_thanks == "/feedback-thank-you/"
    assert receiver.feedback == receiver_module.SUBMISSIONS.with_name("feedback.jsonl")


@pytest.mark.parametrize(
    "settings",
    [
        {"QUOTE_FORM_BACKEND": "netlify"},
        {"QUOTE_FORM_BACKEND": "url", "QUOTE_FORM_ACTION": "https://forms.example"},
    ],
)
def test_no_receiver_when_the_form_posts_elsewhere(settings):
    assert receiver_for(settings) is None


def test_feedback_is_recorded_apart_from_quote_requests(server):
    address, submissions = server
    status, location, _ = post(address, FEEDBACK)
    assert (status, location) == (303, "/feedback-thank-you/")
    [record] = records(submissions.with_name("feedback.jsonl"))
    assert record.pop("received")
    assert record == {
        key: value for key, value in FEEDBACK.items() if key != "form-name"
    }
    assert records(submissions) == []


def test_yes_or_no_alone_is_feedback_with_nothing_personal(server):
    address, submissions = server
    answer = {"form-name": "feedback", "page": "/guide/", "useful": "yes"}
    assert post(address, answer)[0] == 303
    [record] = records(submissions.with_name("feedback.jsonl"))
    del record["received"]
    assert record == {"page": "/guide/", "useful": "yes", "problem": "", "email": ""}


@pytest.mark.parametrize(
    ("form", "says"),
    [
        ({"useful": "yes"}, "Missing required fields: page."),
        ({"page": "/guide/", "useful": " "}, "Say whether the page is useful"),
        ({"page": "/guide/", "useful": "maybe"}, "Say whether the page is useful"),
    ],
)
def test_feedback_without_its_page_or_an_answer_is_refused(server, form, says):
    address, submissions = server
    status, _, body = post(address, {"form-name": "feedback"} | form)
    assert status == 400
    assert says in body.decode()
    assert records(submissions.with_name("feedback.jsonl")) == []


def test_feedback_that_fills_the_honeypot_is_not_recorded(server):
    address, submissions = server
    status, location, _ = post(address, FEEDBACK | {"_gotcha": "spam"})
    assert (status, location) == (303, "/feedback-thank-you/")
    assert records(submissions.with_name("feedback.jsonl")) == []


def test_a_form_the_receiver_does_not_know_is_refused(server):
    address, submissions = server
    status, _, body = post(address, FORM | {"form-name": "newsletter"})
    assert status == 400
    assert "Unknown form 'newsletter'" in body.decode()
    assert records(submissions) == []
