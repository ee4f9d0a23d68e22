from django import template

from followup.models import Status

register = template.Library()


@register.inclusion_tag("followup/partials/status_form.html")
def status_form(agreement, *, kind: str, id_prefix: str, next_url: str, name: str = "") -> dict:
    """The one form for changing an agreement's status, wherever the agreement is shown.

    `name` is read out to screen readers after "Status" where several agreements share a
    page."""
    return {
        "agreement": agreement,
        "kind": kind,
        "field_id": f"{id_prefix}{agreement.pk}",
        "next_url": next_url,
        "name": name,
        "statuses": Status.choices,
    }
