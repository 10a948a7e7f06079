from django.urls import path, re_path

from . import feeds, views
from .models.takedowns import REFERENCE_REGEX
from .pagecache import public_page
from .views import contest, language, notices, site_files, takedowns

app_name = "syndication"

urlpatterns = [
    # Reader site
    path("", views.ArticleListView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("sources/", views.SourceListView.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    # Feeds and crawlers
    path("feeds/rss/", public_page(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/atom/", public_page(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path(
        "sources/<slug:slug>/feeds/rss/",
        public_page(feeds.SourceArticlesFeed()),
        name="source_feed_rss",
    ),
    path(
        "sources/<slug:slug>/feeds/atom/",
        public_page(feeds.SourceArticlesAtomFeed()),
        name="source_feed_atom",
    ),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("language/", language.choose_language, name="choose_language"),
    path("favicon.ico", site_files.favicon, name="favicon"),
    path("manifest.webmanifest", site_files.web_manifest, name="web_manifest"),
    path("feeds/style.xsl", site_files.feed_stylesheet, name="feed_stylesheet"),
    # Takedowns
    path("takedown/", takedowns.TakedownCreateView.as_view(), name="takedown"),
    re_path(
        rf"^takedown/submitted/(?P<reference>{REFERENCE_REGEX})/$",
        takedowns.TakedownSubmittedView.as_view(),
        name="takedown_submitted",
    ),
    path("takedown/status/", takedowns.TakedownStatusView.as_view(), name="takedown_status"),
    path("takedown/contest/<str:token>/", contest.ContestView.as_view(), name="takedown_contest"),
    path("transparency/", takedowns.TransparencyView.as_view(), name="transparency"),
    path("transparency/report.csv", takedowns.transparency_csv, name="transparency_csv"),
    path("transparency/notices/", notices.NoticeLogView.as_view(), name="notice_log"),
]
