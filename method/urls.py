from django.urls import path

from method import views

urlpatterns = [
    path("metoden/", views.overview, name="method_overview"),
    path("vaerktoej/<int:number>/", views.tool, name="tool"),
]
