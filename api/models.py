"""Tokens for the REST API (/api/v1/): one organisation each, with scopes.

Only a hash of the token is stored; the token itself is shown once, when it is made.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, Person


class Scope(models.TextChoices):
    STRUCTURE_READ = "structure:read", _("Læse strukturen (enheder, personer, ledelsesgrupper)")
    STRUCTURE_WRITE = "structure:write", _("Oprette og ændre enheder")
    PLANS_READ = "plans:read", _("Læse udgivne planer")
    STATUS_READ = "status:read", _("Læse samlet status for ledertrivsel")
    BENCHMARK_READ = (
        "benchmark:read",
        _("Læse sammenligningen på tværs af organisationer (de frigivne tal med støj)"),
    )
    SCIM = "scim", _("Holde personer og ledelsesgrupper ajour fra HR-systemet (SCIM)")


class ApiToken(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("Navn"), max_length=100, help_text=_("Fx Intranettet"))
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_labels(self) -> list[str]:
        return [str(Scope(s).label) for s in self.scopes if s in Scope.values]
