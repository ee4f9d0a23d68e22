from django.urls import path

from method import views

app_name = "method"

urlpatterns = [
    path("metoden/", views.overview, name="overview"),
    path("vaerktoej/<id:number>/", views.tool, name="tool"),
]
