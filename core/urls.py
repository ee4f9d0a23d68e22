from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from core import views
from core.forms import (
    AuditedPasswordChangeForm,
    EmailAuthenticationForm,
    OutboxPasswordResetForm,
    SetPasswordWithRulesForm,
)
from identity import views as identity_views
from organisations.tokens import invitation_tokens

urlpatterns = [
    path("", views.home, name="home"),
    path("sprog/", views.set_language, name="set_language"),
    path("mine-data.json", views.my_data, name="my_data"),
    path("healthz", views.healthz, name="healthz"),
    path("overblik/", views.overview_page, name="overview"),
    path("overblik/indstillinger/", views.followup_settings, name="followup_settings"),
    path("overblik/kalender/forny/", views.calendar_renew, name="calendar_renew"),
    path("organisation/status/", views.organisation_status, name="organisation_status"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("favicon.ico", views.favicon, name="favicon"),
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
    path("sikkerhed/", views.security, name="security"),
    path("sikkerhed/slet-mine-data/", views.erasure_request, name="erasure_request"),
    path("konto/ny-email/<str:token>/", views.email_change_confirm, name="email_change_confirm"),
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
