from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What operators run: the worker (send_reminders), backups, key rotation, the
    operators' second factor, the demo and the scale generator. Above everything else;
    nothing in the product imports it."""

    name = "operations"
