"""Helpers of the fault tests that run in a separate process (tests/test_faults.py).

`python -m tests.faults digest-batch ID…` is a digest worker: it sends the given deliveries
with an e-mail backend that writes each message to MAIL_DIR and SIGKILLs its own process at
the KILL_AT-th message, before handing it over (KILL_WHEN=before) or after (KILL_WHEN=after,
i.e. the mail server has accepted it but the worker dies before recording it as sent).

`python -m tests.faults request PATH…` requests each path through the whole WSGI stack and
prints one JSON line per path (status, body): used with DATABASE_URL pointing at a dead database.
"""

import base64
import json
import os
import signal
import sys
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class KillingBackend(BaseEmailBackend):
    """Writes messages as files; SIGKILLs the process at the KILL_AT-th message (no cleanup can run)."""

    def send_messages(self, messages):
        directory = Path(os.environ["MAIL_DIR"])
        for message in messages:
            sent = len(list(directory.iterdir()))
            dies = sent + 1 == int(os.environ["KILL_AT"])
            if dies and os.environ.get("KILL_WHEN") == "before":
                os.kill(os.getpid(), signal.SIGKILL)
            # What the mail server received, byte for byte (the fault test compares the re-send with it).
            raw = message.message().as_bytes(linesep="\r\n")
            (directory / f"{uuid.uuid4().hex}.json").write_text(
                json.dumps({"to": message.to, "raw": base64.b64encode(raw).decode()}))
            if dies:
                os.kill(os.getpid(), signal.SIGKILL)
        return len(messages)


def digest_batch(ids, now):
    import datetime

    from django.conf import settings

    # Not at the top: run as `python -m tests.faults`, this module is imported before django.setup().
    from digests import delivery

    settings.EMAIL_BACKEND = "tests.faults.KillingBackend"
    delivery.send_batch([int(pk) for pk in ids], now=datetime.datetime.fromisoformat(now))


def request(paths):
    from django.test import Client

    client = Client(raise_request_exception=False)
    for path in paths:
        response = client.get(path)
        print(json.dumps({"path": path, "status": response.status_code, "body": response.content.decode()}))


if __name__ == "__main__":
    import django

    django.setup()
    command, *rest = sys.argv[1:]
    if command == "digest-batch":
        digest_batch(rest[1:], now=rest[0])
    elif command == "request":
        request(rest)
