from django.urls import path

from api import pages

app_name = "api"

urlpatterns = [
    path("organisation/api/", pages.tokens, name="tokens"),
    path("organisation/api/<id:pk>/tilbagekald/", pages.token_revoke, name="token_revoke"),
]
