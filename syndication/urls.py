from django.urls import path, re_path

from . import views
from .models.takedowns import REFERENCE_REGEX
from .views import takedowns

app_name = "syndication"

urlpatterns = [
    # Reader site
    path("", views.ArticleListView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("sources/", views.SourceListView.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("healthz", views.healthz, name="healthz"),
    # Takedowns
    path("takedown/", takedowns.TakedownCreateView.as_view(), name="takedown"),
    re_path(
        rf"^takedown/submitted/(?P<reference>{REFERENCE_REGEX})/$",
        takedowns.TakedownSubmittedView.as_view(),
        name="takedown_submitted",
    ),
    path("takedown/status/", takedowns.TakedownStatusView.as_view(), name="takedown_status"),
    path("transparency/", takedowns.TransparencyView.as_view(), name="transparency"),
    path("transparency/report.csv", takedowns.transparency_csv, name="transparency_csv"),
]
