from functools import cache

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access import policy


@cache
def _menu_items() -> tuple[list, tuple]:
    """The menu's addresses never change while the process runs: reversed once."""
    everyone = [
        (reverse("home"), _("Forside")),
        (reverse("overview"), _("Mit overblik")),
        (reverse("method:overview"), _("Metoden")),
        # The task, not the tool's number: the tool's page says its number.
        (reverse("dialogue:start"), _("Dialog med nærmeste leder")),
        (reverse("groups:home"), _("Ledelsesgruppen")),
        (reverse("plans:home"), _("Organisationens plan")),
    ]
    return everyone, (reverse("organisations:overview"), _("Organisation"))


def navigation(request):
    """The main menu: what this person can go to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_menu": []}
    everyone, structure = _menu_items()
    items = list(everyone)
    if policy.has_capability(user, policy.Capability.VIEW_STRUCTURE):
        items.append(structure)
    current = request.path
    home = everyone[0][0]
    menu = []
    for url, label in items:
        active = current == url if url == home else current.startswith(url)
        menu.append(
            {"url": url, "label": label, "current": active, "is_overview": url == everyone[1][0]}
        )
    return {"main_menu": menu, "can_configure_sign_in": policy.may_configure_sign_in(user)}
