"""Queues the e-mail digests that are due, sends the mail queue, and takes each
organisation's daily status snapshot.

Run it from cron (every 15 minutes is plenty), or as a worker with --loop. Running it
twice, or on several servers at once, sends every mail once.
"""

import time

from django.core.management.base import BaseCommand

from core import digests, status
from followup import outbox


class Command(BaseCommand):
    help = "Queues due e-mail digests and sends the mail queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", type=int, metavar="SECONDS", help="Keep running, every SECONDS."
        )

    def handle(self, *args, loop=None, **options):
        while True:
            queued = digests.enqueue_digests()
            sent = outbox.deliver()
            status.snapshots_take_missing()
            if options["verbosity"]:
                self.stdout.write(f"Queued {queued}, sent {sent}.")
            if not loop:
                return
            time.sleep(loop)
