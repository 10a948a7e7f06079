# Front cache for the syndication site (Varnish 7.1+, with varnish-modules' xkey).
#
# The app decides what may be kept: a public page or feed answers
# `Cache-Control: public, max-age=0, s-maxage=N` and `xkey: article-12 source-3 ...`;
# anything personal is private/no-cache/no-store or sets a cookie. After every
# public change the app sends `PURGE /` with `xkey-purge: <keys>`, and every
# object carrying one of those keys is dropped at once (DESIGN.md, invariant 3).
#
# Varnish is also the only way in: it reads whole request headers and whole
# POST bodies before the app sees them, so a slow client never holds one of
# gunicorn's sync workers. It appends the client's address to X-Forwarded-For
# (built-in behaviour): TRUSTED_PROXY_COUNT=1 with Varnish alone, 2 with a TLS
# proxy in front of it.
#
# The backend lives in backend.vcl, looked up in vcl_path, so a deployment (or a
# test) points this same file at its own app server.
vcl 4.1;

import std;
import xkey;

include "backend.vcl";

# Who may purge: the app's processes (web, importer, mailer), on the listener
# named "purge" (`-a purge=:6081`), which is never published, from this machine
# or the private ranges a compose or cluster network uses. The listener is what
# counts: behind Docker's port forwarding an outside client can arrive from the
# network's gateway, a private address, but only ever on the public listener.
acl purgers {
    "localhost";
    "127.0.0.0"/8;
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
    "fc00::"/7;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        # A purge relayed by a proxy in front of us (its X-Forwarded-For has a
        # hop before ours) comes from the outside, whatever address it arrives from.
        if (local.socket != "purge" || !client.ip ~ purgers ||
            req.http.X-Forwarded-For ~ ",") {
            return (synth(405, "Purging is not allowed from here"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header"));
        }
        # A hard purge: the objects are gone, no grace copy is served afterwards.
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }

    if (req.method !~ "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$") {
        # The built-in VCL would pipe these, tying a gunicorn worker to the client.
        return (synth(501, "Method not implemented"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        if (req.method ~ "^(POST|PUT|PATCH)$") {
            # Refused before reading, so the client is told why (a failed
            # read below can only close the connection).
            if (std.integer(req.http.Content-Length, 0) > 2097152) {
                return (synth(413, "Request body too large"));
            }
            # Read the whole body before the app is asked, so a client that
            # trickles it waits here, not in a gunicorn worker. A chunked
            # body over the limit ends the connection.
            if (!std.cache_req_body(2MB)) {
                return (synth(413, "Request body too large"));
            }
        }
        return (pass);
    }

    # Never from the cache: the admin, everything about takedowns (forms,
    # confirmations, status look-ups), the health check.
    if (req.url ~ "^/admin(/|\?|$)" || req.url ~ "^/takedown(/|\?|$)" ||
        req.url ~ "^/healthz(/|\?|$)") {
        return (pass);
    }

    # A logged-in editor (Django's session cookie) or any credentials: their
    # pages may show what readers must not see, so they go to the app as sent.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }

    # The reader's language, reduced to one of the site's (en, de): the footer's
    # choice (the django_language cookie), else whichever of the two the
    # browser's Accept-Language names first. The app reads only this header, so
    # the page rendered and the object it is kept as always agree, and every
    # page has two variants, not one per browser's header.
    if (req.http.Cookie ~ "(^|;)\s*django_language=de(;|$)") {
        set req.http.Accept-Language = "de";
    } elsif (req.http.Cookie ~ "(^|;)\s*django_language=en(;|$)") {
        set req.http.Accept-Language = "en";
    } elsif (req.http.Accept-Language ~ "(?i)^(?:(?!\ben(?:-|;|,|\s|$)).)*\bde(?:-|;|,|\s|$)") {
        set req.http.Accept-Language = "de";
    } else {
        set req.http.Accept-Language = "en";
    }
    # Anonymous readers share objects: no other cookie of theirs changes a public page.
    unset req.http.Cookie;
    # Nor do the tracking parameters links carry (the app ignores them too):
    # a newsletter's utm_* or fbclid must not make its readers miss the cache.
    if (req.url ~ "(?i)[?&](utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url,
            "(?i)([?&])(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*", "\1");
        set req.url = regsuball(req.url, "([?&])&+", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_hash {
    # Feeds and the sitemap build absolute links from the scheme. Only "https"
    # (from a TLS proxy of ours) changes what the app renders, so any other
    # value a client sends shares the plain-HTTP object instead of poisoning it.
    if (req.http.X-Forwarded-Proto == "https") {
        hash_data("https");
    }
    # One object per language (set in vcl_recv, "en" or "de").
    hash_data(req.http.Accept-Language);
    # The built-in vcl_hash adds the URL and the host.
}

sub vcl_backend_response {
    if (beresp.http.Content-Type ~ "^(text/|application/([a-z.+-]+\+)?(xml|json|javascript)\b|image/svg\+xml)" &&
        !beresp.http.Content-Encoding) {
        # Pages and feeds go out gzipped; Varnish unzips for clients that ask for plain.
        set beresp.do_gzip = true;
    }

    if (bereq.uncacheable) {
        # A pass: nothing of it is stored.
        return (deliver);
    }

    # The notice that replaces a removed article (RFC 7725) is the same for
    # everyone; Varnish keeps no 451 by itself, so the app's s-maxage is read
    # here. A reinstatement purges it by the article's key.
    if (beresp.status == 451 && beresp.http.Cache-Control ~ "(?i)s-maxage=[0-9]+" &&
        beresp.http.Cache-Control !~ "(?i)(private|no-cache|no-store)" &&
        !beresp.http.Set-Cookie) {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Cache-Control, "(?i)^.*s-maxage=([0-9]+).*$", "\1s"), 0s);
    }

    # Stored only when the app said for how long (s-maxage, else max-age or
    # Expires, as Varnish reads them), and never anything personal.
    if (beresp.ttl <= 0s ||
        beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)" ||
        !(beresp.http.Cache-Control ~ "(?i)(s-maxage|max-age)" || beresp.http.Expires) ||
        beresp.http.Vary == "*") {
        # Hit-for-miss: later requests for this URL go to the app side by
        # side instead of queueing behind one fetch, and a cacheable answer
        # replaces this marker at once.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        set beresp.grace = 0s;
        return (deliver);
    }

    # Stale copies only for a moment, while a fresh one is fetched: an
    # expired page must not linger. Purges are hard and skip grace entirely.
    set beresp.grace = 5s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Keys are for our purges only.
    unset resp.http.xkey;
    # Our purges reach only our caches: a browser or any proxy beyond us may
    # keep a public page but must ask again before each use (ETag makes that
    # cheap). Personal answers keep the app's private/no-store.
    if (resp.http.Cache-Control ~ "(?i)s-maxage" &&
        resp.http.Cache-Control !~ "(?i)(private|no-store)") {
        set resp.http.Cache-Control = "no-cache";
        unset resp.http.Expires;
    }
}

sub vcl_synth {
    if (resp.status == 413) {
        # Answer at once instead of reading the rest of a body we refuse.
        set resp.http.Connection = "close";
    }
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
