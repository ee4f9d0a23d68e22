"""What tool 2 tells the rest of the product, without knowing who listens."""

from django.dispatch import Signal

# Sent once the escalation is saved (on commit), with `escalation`. Tool 3 tells the
# plan teams whose plans cover the group (plans/receivers.py).
escalation_sent = Signal()
