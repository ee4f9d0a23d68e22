from django.urls import path

from identity import views

app_name = "identity"

urlpatterns = [
    path("log-ind/organisation/svar/", views.callback, name="callback"),
    path("log-ind/organisation/bekraeft/", views.link, name="link"),
    path("log-ind/organisation/bekraeft/<str:code>/", views.link_confirm, name="link_confirm"),
    path("log-ind/saml/<id:organisation_id>/svar/", views.saml_acs, name="saml_acs"),
    path("log-ind/saml/<id:organisation_id>/metadata/", views.saml_metadata, name="saml_metadata"),
    path("log-ind/saml/<id:organisation_id>/ud/", views.saml_signed_out, name="saml_signed_out"),
    path("organisation/log-ind/", views.settings, name="settings"),
    path("organisation/log-ind/test/", views.test, name="test"),
]
