"""Logging in and out, and passwords: chosen from an invitation, reset, changed. The
URL names have no namespace (Django's auth views and templates expect `login`,
`password_reset_confirm` and so on)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from identity import views as identity_views
from identity.forms import (
    AuditedPasswordChangeForm,
    EmailAuthenticationForm,
    OutboxPasswordResetForm,
    SetPasswordWithRulesForm,
)
from organisations.tokens import invitation_tokens

urlpatterns = [
    path(
        "log-ind/",
        identity_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("log-ud/", identity_views.LogoutView.as_view(), name="logout"),
    path(
        "glemt-adgangskode/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path(
        "glemt-adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "adgangskode/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordWithRulesForm,
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordWithRulesForm,
            token_generator=invitation_tokens,
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="invitation_accept",
    ),
    path(
        "adgangskode/gemt/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "skift-adgangskode/",
        auth_views.PasswordChangeView.as_view(form_class=AuditedPasswordChangeForm),
        name="password_change",
    ),
    path(
        "skift-adgangskode/gemt/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
