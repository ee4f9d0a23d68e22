from django.urls import path

from followup import views

urlpatterns = [
    path("overblik/", views.overview, name="overview"),
    path("overblik/<str:kind>/<int:pk>/status/", views.status, name="followup_status"),
    path("overblik/indstillinger/", views.settings_page, name="followup_settings"),
    path("overblik/kalender/forny/", views.calendar_renew, name="calendar_renew"),
    path("organisation/status/", views.organisation_status, name="organisation_status"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
