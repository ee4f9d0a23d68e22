from django.contrib import admin
from django.urls import include, path, register_converter

from api.views import api
from ledertrivsel.converters import IdConverter

# Registered before the apps' URLs are included, which use it.
register_converter(IdConverter, "id")

urlpatterns = [
    path("", include("core.urls")),
    path("", include("identity.auth_urls")),
    path("", include("method.urls")),
    path("organisation/", include("organisations.urls")),
    path("dialog/", include("dialogue.urls")),
    path("", include("groups.urls")),
    path("", include("plans.urls")),
    path("", include("benchmark.urls")),
    path("", include("followup.urls")),
    path("", include("identity.urls")),
    path("", include("api.urls")),
    path("", include("scim.urls")),
    path("drift/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
