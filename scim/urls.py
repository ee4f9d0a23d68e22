from django.urls import path, re_path

from scim import views

app_name = "scim"

urlpatterns = [
    path("scim/v2", views.scim, name="root"),
    re_path(r"^scim/v2/(?P<path>.*)$", views.scim, name="endpoint"),
]
