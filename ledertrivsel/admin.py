from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from access import policy


class OperatorLoginForm(OTPAdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Kode fra din authenticator-app"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PlatformAdminSite(OTPAdminSite):
    """The Django admin, for platform operators only, with a password and a second
    factor (a TOTP code from an authenticator app; `manage.py operator_second_factor`).

    People of an organisation (HR and administrators included) manage their
    organisation in the product itself, where the access policy applies.
    """

    site_header = "Ledertrivsel – drift"
    site_title = "Ledertrivsel – drift"
    login_form = OperatorLoginForm

    def __init__(self, name: str = "admin"):
        # OTPAdminSite names itself "otpadmin"; the URLs stay admin:….
        super().__init__(name)

    def has_permission(self, request) -> bool:
        # OTPAdminSite: the session's user has given a code from a confirmed device.
        return super().has_permission(request) and policy.can_access_django_admin(request.user)
