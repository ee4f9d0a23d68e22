from django.urls import path

from benchmark import views

app_name = "benchmark"
urlpatterns = [
    path("organisation/sammenligning/", views.participation, name="participation"),
]
