from django.urls import path

from core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sprog/", views.set_language, name="set_language"),
    path("mine-data.json", views.my_data, name="my_data"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics, name="metrics"),
    path("overblik/", views.overview_page, name="overview"),
    path("overblik/indstillinger/", views.followup_settings, name="followup_settings"),
    path("overblik/kalender/forny/", views.calendar_renew, name="calendar_renew"),
    path("organisation/status/", views.organisation_status, name="organisation_status"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sikkerhed/", views.security, name="security"),
    path("sikkerhed/slet-mine-data/", views.erasure_request, name="erasure_request"),
    path("konto/ny-email/<str:token>/", views.email_change_confirm, name="email_change_confirm"),
]
