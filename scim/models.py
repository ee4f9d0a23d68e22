"""What SCIM provisioning adds to a person and a management group.

A person or group of the organisation is a SCIM resource whether or not the HR system
made it, so the HR system can find and take over what a file import or HR made by
hand. These rows hold what SCIM has and the product does not: the HR system's own
user name and id, when the resource last changed, and whether the HR system has
removed it. Nobody is deleted by provisioning: a removed person is deactivated, a
removed group stays with its rounds, and both are gone from SCIM.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from organisations.models import ManagementGroup, Person


class ProvisionedPerson(models.Model):
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="provisioning"
    )
    user_name = models.CharField(max_length=255)
    external_id = models.CharField(max_length=255, blank=True)
    # How the HR system labels the address (SCIM emails.type and .primary), returned as
    # sent; the address itself is the person's.
    email_type = models.CharField(max_length=20, blank=True)
    email_primary = models.BooleanField(null=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.user_name


class ProvisionedGroup(models.Model):
    group = models.OneToOneField(
        ManagementGroup, on_delete=models.CASCADE, primary_key=True, related_name="provisioning"
    )
    external_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.group_id}"
