"""Tool 3 listens to tool 2: an escalation is news for the plan teams it concerns."""

from groups.signals import escalation_sent
from plans import services


def _escalation_sent(sender, escalation, **kwargs) -> None:
    services.escalation_announce(escalation=escalation)


def connect() -> None:
    escalation_sent.connect(_escalation_sent, dispatch_uid="plans-escalation-announce")
