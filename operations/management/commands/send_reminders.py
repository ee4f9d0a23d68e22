"""Queues the e-mail digests that are due, sends the mail queue, and takes each
organisation's daily status snapshot.

Run it from cron (every 15 minutes is plenty), or as a worker with --loop. Running it
twice, or on several servers at once, sends every mail once.

As a worker it stops cleanly on SIGTERM or SIGINT (systemd's and a container's stop):
the digest it is writing and the batch of mails it is sending finish (each mail is
claimed and marked in its own transaction, so nothing is half sent), the rest waits
for the next start, and the process exits without waiting for the next pass.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from core import digests, status, worker
from followup import outbox
from organisations import services as organisation_services

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Queues due e-mail digests and sends the mail queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", type=int, metavar="SECONDS", help="Keep running, every SECONDS."
        )

    def handle(self, *args, loop=None, **options):
        stopping = threading.Event()
        if loop:

            def stop(signum, frame):
                stopping.set()

            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        while not stopping.is_set():
            try:
                queued = worker.run(
                    "digests", lambda: digests.enqueue_digests(should_stop=stopping.is_set)
                )
                sent = worker.run("mail", outbox.deliver)
                worker.run("status", status.snapshots_take_missing)
                worker.run("imports", organisation_services.pending_imports_purge)
            except DatabaseError:
                if not loop:
                    raise
                # The database restarts or fails over: try again at the next pass, on a
                # new connection. Nothing is lost; the queue is in the database.
                logger.exception("The worker's pass failed; it tries again in %s s", loop)
                close_old_connections()
            else:
                if options["verbosity"]:
                    self.stdout.write(f"Queued {queued}, sent {sent}.", ending="\n")
                    self.stdout.flush()
            if not loop:
                return
            stopping.wait(loop)
        if options["verbosity"]:
            self.stdout.write("Stopped.")
