from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("syndication.urls")),
]

handler404 = "syndication.views.errors.page_not_found"
handler500 = "syndication.views.errors.server_error"
