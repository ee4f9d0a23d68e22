"""The product's URLs plus /bench/bare/: a logged-in view that does nothing, through the
same middleware, session and login check, so each page's speed has a yardstick."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from ledertrivsel.urls import urlpatterns as product_urls


@login_required
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *product_urls]
