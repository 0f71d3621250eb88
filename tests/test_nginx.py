"""deploy/nginx/ run by Debian's nginx on 127.0.0.1 over the built site: headers, caching,
compression, each language's 404 page, and pages that load under the Content-Security-Policy."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import IN_CI, ROOT, Built
from xulang.site import Language, load_site

DEPLOY = ROOT / "deploy" / "nginx"
SITE_CONF = DEPLOY / "langson-site.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def text(self) -> str:
        data = (
            gzip.decompress(self.body)
            if self.headers.get("content-encoding") == "gzip"
            else self.body
        )
        return data.decode("utf-8")


def get(url: str, gzip_ok: bool = False) -> Response:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_config(folder: Path, site: Path, port: int) -> str:
    """The smallest main config around the committed site config, as a packaged nginx has."""
    temp = "\n".join(
        f"    {name}_temp_path {folder}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's temp folder
    return f"""daemon off;
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {SITE_CONF};
    }}
}}
"""


@pytest.fixture(scope="module")
def nginx(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real nginx from Debian serving the built site on a free port of 127.0.0.1."""
    if not Path(NGINX).exists():
        message = "nginx is missing (apt-get install nginx-light)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("nginx")
    for _attempt in range(3):
        port = free_port()
        conf = folder / "nginx.conf"
        conf.write_text(server_config(folder, built.site, port), encoding="utf-8")
        check = subprocess.run(
            [NGINX, "-t", "-p", str(folder), "-c", str(conf)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        if proc.poll() is None:
            break
        proc.communicate()  # the port was taken in between: try another
    else:
        pytest.fail((folder / "error.log").read_text(encoding="utf-8", errors="replace"))
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def bundle(built: Built) -> str:
    return (
        next((built.site / "assets/javascripts").glob("bundle.*.min.js"))
        .relative_to(built.site)
        .as_posix()
    )


def test_committed_policy_is_the_one_the_build_needs(built: Built) -> None:
    """The Content-Security-Policy nginx sends lets every inline script of the built pages run
    (after a Material upgrade: `make csp`, then commit deploy/nginx/langson-site.conf)."""
    from xulang.plugin.publish import configured_csp, content_security_policy

    policy = content_security_policy(built.site)
    assert configured_csp(SITE_CONF) == policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_every_response_carries_the_security_headers(nginx: str, built: Built) -> None:
    """Browsers get the site's protections on pages, assets, feeds and error pages alike."""
    from xulang.plugin.publish import configured_csp

    for path in (
        "",
        "en/khu-kinh-te/",
        "zh/",
        bundle(built),
        "tin-tuc/feed.xml",
        "no/such/page/",
        "en",
    ):
        response = get(nginx + path)
        assert response.headers.get("content-security-policy") == configured_csp(SITE_CONF), path
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name.lower()) == value, (path, name)
        assert "camera=()" in response.headers["permissions-policy"]
        assert "nginx/" not in response.headers.get("server", "")  # no version for attackers


def test_fingerprinted_assets_are_cached_for_a_year(nginx: str, built: Built) -> None:
    """Returning readers load Material's bundles from cache; pages are always revalidated."""
    assert (
        get(nginx + bundle(built)).headers["cache-control"] == "public, max-age=31536000, immutable"
    )
    css = next((built.site / "assets/stylesheets").glob("main.*.min.css")).relative_to(built.site)
    assert "immutable" in get(nginx + css.as_posix()).headers["cache-control"]
    for path in ("", "en/", "assets/stylesheets/site.css", "search/search_index.json"):
        assert "immutable" not in get(nginx + path).headers["cache-control"], path
    assert get(nginx + "").headers["cache-control"] == "no-cache"
    assert get(nginx + "").headers.get("etag")  # so that no-cache costs a 304, not the page


def test_text_is_compressed(nginx: str, built: Built) -> None:
    """Pages, styles, scripts, the search index and feeds travel gzip-compressed."""
    for path in (
        "",
        "zh/du-lich/",
        bundle(built),
        "assets/stylesheets/site.css",
        "en/search/search_index.json",
        "sitemap.xml",
        "tin-tuc/feed.xml",
    ):
        response = get(nginx + path, gzip_ok=True)
        assert response.status == 200, path
        assert response.headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in response.headers.get("vary", ""), path
    assert (
        get(nginx + "tin-tuc/feed.xml").headers["content-type"].startswith("application/atom+xml")
    )


PUBLIC = load_site(ROOT).published().languages  # the languages of the production site


@pytest.mark.parametrize("lang", PUBLIC, ids=[lang.code for lang in PUBLIC])
def test_each_language_answers_404_in_its_language(nginx: str, lang: Language) -> None:
    """A mistyped address answers 404 with the page of the reader's language, at any depth."""
    title = str(lang.extra["ui"]["notfound.title"])
    for path in (lang.prefix + "khong-co/", lang.prefix + "a/b/c/khong-co.html"):
        response = get(nginx + path, gzip_ok=True)
        assert response.status == 404, path
        html = response.text()
        assert f'<html lang="{lang.bcp47}"' in html and title in html, path


def test_language_locations_follow_mkdocs_yml() -> None:
    """Each public language of mkdocs.yml has its 404 location in the committed nginx config
    (after adding or publishing a language: `xulang nginx --write` on langson-site.conf)."""
    from xulang import nginx as block

    site = load_site(ROOT)
    assert block.configured_block(SITE_CONF) == block.language_block(site)
    for lang in site.public_languages:
        assert f"/{lang.prefix}404.html;" in block.language_block(site), lang.code


def test_nothing_but_the_site_is_served(nginx: str, built: Built) -> None:
    """Sources, settings and dot-files are never served, even if one lands in the folder."""
    (built.site / ".env").write_text("SECRET=1\n", encoding="utf-8")
    (built.site / "ghi-chu.md").write_text("# note\n", encoding="utf-8")
    try:
        for path in (".env", "ghi-chu.md", ".git/config", "mkdocs.yml", "data/province.yml"):
            assert get(nginx + path).status == 404, path
    finally:
        (built.site / ".env").unlink()
        (built.site / "ghi-chu.md").unlink()


def test_production_config_is_valid(tmp_path: Path) -> None:
    """deploy/nginx/langson.conf (TLS, redirect, include) is accepted by `nginx -t`."""
    if not Path(NGINX).exists() or not shutil.which("openssl"):
        message = "nginx or openssl is missing (apt-get install nginx-light openssl)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=test",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "langson.conf").read_text(encoding="utf-8")
    site = (
        site.replace("/etc/ssl/langson/fullchain.pem", str(cert))
        .replace("/etc/ssl/langson/privkey.pem", str(key))
        .replace("/etc/nginx/snippets/langson-site.conf", str(SITE_CONF))
    )
    (tmp_path / "langson.conf").write_text(site, encoding="utf-8")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/langson.conf; }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# -- in a real browser -----------------------------------------------------------------------

# Recorded before any script of the page runs: every Content-Security-Policy violation.
LISTEN = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')));"
)


@pytest.mark.browser
def test_pages_load_under_the_policy(browser: object, nginx: str) -> None:
    """Home, a deep page and a 404 page in each language run without a single CSP violation."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(LISTEN)
    try:
        problems = {}
        for path in (
            "",
            "khu-kinh-te/cua-khau/",
            "khong-co/",
            "en/",
            "en/du-lich/mau-son/",
            "en/a/b/khong-co/",
            "zh/",
            "zh/doi-ngoai/quang-tay/",
            "zh/khong-co/",
        ):
            tab = context.new_page()
            console: list[str] = []
            tab.on(
                "console", lambda m, c=console: m.type in ("error", "warning") and c.append(m.text)
            )
            tab.on("pageerror", lambda e, c=console: c.append(str(e)))
            response = tab.goto(nginx + path, wait_until="networkidle")
            assert response is not None and response.status == (
                404 if "khong-co" in path else 200
            ), path
            assert tab.evaluate("typeof __md_scope") == "object", path  # the inline script ran
            violations = tab.evaluate("window.__csp")
            errors = [m for m in console if "404 (Not Found)" not in m]
            if violations or errors:
                problems[path] = (violations, errors)
            tab.close()
        assert problems == {}
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "query"), [("", "Lạng Sơn"), ("en/", "border"), ("zh/", "口岸")])
def test_search_works_under_the_policy(browser: object, nginx: str, path: str, query: str) -> None:
    """Search (a same-origin worker fetching the index) still answers under the policy."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(LISTEN)
    try:
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.goto(nginx + path, wait_until="networkidle")
        tab.keyboard.press("/")
        tab.fill("input.md-search__input", query)
        tab.wait_for_selector(".md-search-result__link")
        hrefs = tab.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
        assert hrefs and all(h.startswith(nginx + path) for h in hrefs), hrefs[:5]
        assert tab.evaluate("window.__csp") == []
    finally:
        context.close()
