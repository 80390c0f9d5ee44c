"""A Pagefind process in service mode: pages in, the search index out.

It speaks the protocol of Pagefind's own Python and Node wrappers (pagefind_bin
1.5.2, pinned in requirements.txt): base64 JSON messages, each followed by a
comma, on the process's stdin and stdout. The Python wrapper waits a tenth of
a second before reading each reply, minutes for a large hub, so the hub
speaks it directly: requests are written as they come, and a thread reads
the replies.
"""

import base64
import json
import subprocess
import tempfile
import threading
from pathlib import Path

from pagefind_bin import get_executable

REPLY_TIMEOUT_SECONDS = 300


class PagefindError(Exception):
    pass


class PagefindService:
    def __init__(self, executable=None):
        # Pagefind's own messages, read if it stops; closed by close().
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            [str(executable or get_executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
        )
        self._replies = {}
        self._answered = 0
        self._failures = []
        self._ended = False
        self._sent = 0
        self._arrived = threading.Condition()
        threading.Thread(target=self._read_replies, daemon=True).start()
        self._index = self.ask({"type": "NewIndex", "config": None})["index_id"]

    def add_page(self, relative_path, html):
        """Index a page; its URL comes from its path, as `pagefind --site` does."""
        self._send(
            {
                "type": "AddFile",
                "index_id": self._index,
                "file_path": relative_path,
                "url": None,
                "file_contents": html,
            }
        )

    def write(self, folder):
        """Wait for every page to be indexed, then write the index into `folder`.

        The files come back in the reply and are written here, so each is on
        disk before Pagefind ends: its input closing ends the process at once
        (`std::process::exit`), whatever it is still doing."""
        with self._arrived:
            added = self._sent
            self._wait(lambda: self._ended or self._answered >= added)
        if self._failures:
            raise PagefindError("; ".join(self._failures[:5]))
        reply = self.ask({"type": "GetFiles", "index_id": self._index})
        for file in reply["files"]:
            path = Path(folder, file["path"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))

    def ask(self, payload):
        number = self._send(payload)
        with self._arrived:
            self._wait(lambda: self._ended or number in self._replies)
            reply = self._replies.get(number)
        if reply is None:
            raise self._stopped("no reason given")
        if reply["type"] == "Error":
            raise PagefindError(reply["message"])
        return reply

    def close(self):
        """End the process and wait for it, so its CPU time counts as the build's."""
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()

    def _send(self, payload):
        with self._arrived:
            self._sent += 1
            number = self._sent
        message = {"message_id": number, "payload": payload}
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode()))
            self._process.stdin.write(b",")
            self._process.stdin.flush()
        except (BrokenPipeError, ValueError) as error:
            raise self._stopped(error) from None
        return number

    def _wait(self, done):
        if not self._arrived.wait_for(done, timeout=REPLY_TIMEOUT_SECONDS):
            raise PagefindError(f"no reply from Pagefind in {REPLY_TIMEOUT_SECONDS}s")

    def _read_replies(self):
        # A bytearray grows in place: the reply with the index's files is large.
        pending = bytearray()
        while chunk := self._process.stdout.read1(1 << 20):
            pending += chunk
            if b"," not in chunk:
                continue
            *messages, pending = pending.split(b",")
            with self._arrived:
                for message in messages:
                    self._record(json.loads(base64.b64decode(message)))
                self._arrived.notify_all()
        with self._arrived:
            self._ended = True
            self._arrived.notify_all()

    def _record(self, reply):
        payload = reply["payload"]
        self._answered += 1
        if payload["type"] == "Error":
            self._failures.append(payload["message"])
        if reply.get("message_id") is not None:
            self._replies[reply["message_id"]] = payload

    def _stopped(self, otherwise):
        self._log.seek(0)
        said = self._log.read().decode("utf-8", "replace").strip()[-500:]
        return PagefindError(f"Pagefind stopped: {said or otherwise}")
