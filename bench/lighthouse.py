"""Lighthouse's accessibility, best-practices and SEO scores for every kind of public page.

Run against a site already serving (`make run`, or any address of yours):

    npm install --no-save lighthouse@12      # once; not a dependency of the app
    python bench/lighthouse.py http://127.0.0.1:8000

Chromium comes from CHROME_PATH (default /usr/bin/chromium). SEO counts only
on pages search engines may index: the article pages of the demo follow
their source's policy, which is `noindex` by default for syndicated copies.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["accessibility", "best-practices", "seo"]
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def pages(base: str) -> dict[str, str]:
    """Each kind of public page, found on the site itself."""
    home = urllib.request.urlopen(base + "/").read().decode()  # noqa: S310 - our own site
    article = home.split('<h2><a href="', 1)[1].split('"', 1)[0]
    sources = urllib.request.urlopen(base + "/sources/").read().decode()  # noqa: S310
    source = next(
        part.split('"', 1)[0]
        for part in sources.split('<a href="/sources/')[1:]
        if not part.startswith('"')  # the navigation's own link to /sources/
    )
    # The demo's removed article, named in the public log of decided notices.
    notices = urllib.request.urlopen(base + "/transparency/notices/").read().decode()  # noqa: S310
    removed = "/articles/" + notices.split("/articles/", 1)[1].split("/", 1)[0] + "/"
    return {
        "home": "/",
        "home, page 2": "/?page=2",
        "article": article,
        "source": f"/sources/{source}",
        "sources": "/sources/",
        "search with results": "/search/?q=the",
        "search without results": "/search/?q=zzzzqqq",
        "takedown form": "/takedown/",
        "status look-up": "/takedown/status/",
        "transparency": "/transparency/",
        "notice log": "/transparency/notices/",
        "404": "/no-such-page/",
        "451": removed,
    }


def score(url: str, lighthouse: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(  # noqa: S603 - the lighthouse CLI on our own pages
            [lighthouse, url, f"--only-categories={','.join(CATEGORIES)}",
             f"--chrome-flags={FLAGS}", "--output=json", f"--output-path={out}", "--quiet",
             "--ignore-status-code"],  # the 404 and 451 pages are pages too
            check=True,
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
            timeout=300,
        )  # fmt: skip
        report = json.loads(out.read_text())
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failing = [
        f"{ref['id']} ({report['audits'][ref['id']]['score']})"
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref.get("weight", 0) > 0 and report["audits"][ref["id"]].get("score") not in (None, 1)
    ]
    indexable = report["audits"].get("is-crawlable", {}).get("score") == 1
    # A 404 or 451 page's own status is logged by the browser as a console error,
    # which costs best-practices; answering 200 to silence it would be a lie.
    console = report["audits"].get("errors-in-console", {}).get("details", {}).get("items", [])
    own_status_only = bool(console) and all(
        item.get("source") == "network" and item.get("sourceLocation", {}).get("url") == url
        for item in console
    )
    return {
        "scores": scores,
        "failing": failing,
        "indexable": indexable,
        "own_status_only": own_status_only,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", help="the site's address, e.g. http://127.0.0.1:8000")
    parser.add_argument("--lighthouse", default=str(ROOT / "node_modules/.bin/lighthouse"))
    args = parser.parse_args()
    base = args.base.rstrip("/")
    worst = 1.0
    for name, path in pages(base).items():
        result = score(base + path, args.lighthouse)
        s = result["scores"]
        seo = f"{s['seo']:.2f}" if result["indexable"] else f"{s['seo']:.2f} (noindex)"
        print(
            f"{name:24} accessibility {s['accessibility']:.2f}  best-practices "
            f"{s['best-practices']:.2f}  SEO {seo}"
            + (f"  below 1: {', '.join(result['failing'])}" if result["failing"] else "")
        )
        if result["own_status_only"]:
            print(f"{'':24} (best-practices: the only console error is the page's own status)")
        counted = [s["accessibility"]]
        if not result["own_status_only"]:
            counted.append(s["best-practices"])
        if result["indexable"]:
            counted.append(s["seo"])
        worst = min(worst, *counted)
    print(f"target: accessibility 1.0 everywhere, best-practices 1.0 but for an error page's "
          f"own status, SEO 1.0 where indexable: "
          f"{'met' if worst == 1.0 else 'MISSED'} (lowest {worst:.2f})")  # fmt: skip
    return 0 if worst == 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
