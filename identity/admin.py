"""The operators' own second factor in /drift/."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import path
from django_otp.qr import write_qrcode_image

from identity.models import SecondFactor


@admin.register(SecondFactor)
class SecondFactorAdmin(admin.ModelAdmin):
    """Each operator sees and manages only their own second factor: another's QR code
    would let them sign in as that operator. New ones are made with
    `manage.py operator_second_factor`; the seed is never shown as text."""

    list_display = ["name", "confirmed", "created_at", "last_used_at"]
    fields = ["name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = ["created_at", "last_used_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user_id=request.user.pk)

    def has_add_permission(self, request) -> bool:
        return False

    def _own(self, request, obj) -> bool:
        return obj is None or obj.user_id == request.user.pk

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) and self._own(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._own(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._own(request, obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/qrcode/",
                self.admin_site.admin_view(self.qrcode_view),
                name="identity_secondfactor_qrcode",
            ),
            *super().get_urls(),
        ]

    def qrcode_view(self, request, pk: int) -> HttpResponse:
        """The QR code again, for setting up another authenticator app."""
        device = self.get_queryset(request).filter(pk=pk).first()
        if device is None:
            raise Http404
        response = HttpResponse(content_type="image/svg+xml")
        write_qrcode_image(device.config_url, response)
        return response
