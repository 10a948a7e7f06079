from django.urls import path

from . import views

app_name = "syndication"

urlpatterns = [
    # Reader site
    path("", views.ArticleListView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("sources/", views.SourceListView.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("healthz", views.healthz, name="healthz"),
]
