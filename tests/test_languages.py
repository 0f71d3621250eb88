"""A language is data: a new language is added by declaring it in mkdocs.yml and writing pages.

A language declared with `status: preparation` is built by the preview only; removing that line
publishes it everywhere (pages, switcher, hreflang, sitemap, 404, feed, search), with no code
change. Its figures, dates and names come from CLDR (Babel) for its locale.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, fetch, mkdocs, preview
from xulang.content import ContentTree
from xulang.site import load_site

# A language as an editor declares it, from the template of the guide: French, which CLDR knows
# (numbers "1 234,5", dates "5 février 2027"), as Material and lunr do.
TEMPLATE = """\
        - locale: fr
          name: Français
          site_name: Province de Lạng Sơn (Viêt Nam)
          site_description: >-
            Site d'information de la province de Lạng Sơn, au Viêt Nam.
          nav_translations:
            Trang chủ: Accueil
            Giới thiệu tỉnh: La province
            Khu kinh tế cửa khẩu: Zone économique
            Du lịch: Tourisme
            Đối ngoại: Relations extérieures
            Hướng dẫn: Guide pratique
            Tin tức: Actualités
            Báo chí: Presse
          extra:
            status: preparation
            og_locale: fr_FR
            share:
              - {name: Facebook, url: 'https://www.facebook.com/sharer/sharer.php?u={url}'}
            time_zones:
              - {zone: Asia/Ho_Chi_Minh, name: heure de Hanoï}
            writing:
              phone_format: international
              script: latin
              common_words: [le, la, les, de, des, du, et, en, un, une, est, dans, pour, par, sur,
                             au, aux, qui, que, avec]
            search:
              lang: [fr]
              separator: '[\\s\\-–—,:;!?=\\[\\]()"“”/]+|\\.(?!\\d)'
            ui:
              language: fr
              notice.fallback.title: Traduction en préparation
              notice.fallback.text: Page pas encore traduite ; voici la version vietnamienne.
              notfound.title: Page introuvable
              notfound.text: La page demandée n'existe pas ou a été déplacée.
              notfound.home: Retour à l'accueil
              feed.title: Actualités – Lạng Sơn
"""
NEWS = "tin-tuc/2024-01-01-khoi-cong-giai-doan-1-cao-toc-dong-dang-tra-linh.md"
PAGES = {
    "content/fr/index.md": """\
---
title: Province de Lạng Sơn (Viêt Nam)
description: Lạng Sơn, province frontalière du nord-est du Viêt Nam, sur la route de la Chine.
owner: van-phong-ubnd
status: published
---

# Lạng Sơn, porte du Viêt Nam vers le Guangxi

La province de Lạng Sơn se trouve dans le nord-est du Viêt Nam, sur la route et la voie ferrée
qui relient Hanoï à la Chine. Elle accueille une zone économique frontalière et un géoparc.
""",
    f"content/fr/{NEWS}": """\
---
title: Début des travaux de l'autoroute frontalière entre Lạng Sơn et Cao Bằng
description: Les travaux de la première phase de l'autoroute Đồng Đăng – Trà Lĩnh ont commencé.
date: 2024-01-01
owner: van-phong-ubnd
status: published
---

# Début des travaux de l'autoroute frontalière

Les travaux de la première phase de l'autoroute Đồng Đăng – Trà Lĩnh ont commencé. Elle relie
la zone du poste frontière de Tân Thanh, dans la province de Lạng Sơn, à la province de Cao Bằng.
""",
}
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def declare(project: Path, status: bool = True) -> None:
    """Add the template language to the project's mkdocs.yml, after the last language."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    block = TEMPLATE if status else TEMPLATE.replace("            status: preparation\n", "")
    marker = "\n  - xulang:"
    assert text.count(marker) == 1
    config.write_text(text.replace(marker, "\n" + block.rstrip("\n") + marker), encoding="utf-8")


def give_data_forms(project: Path, code: str = "fr") -> None:
    """Give every fact typed per language a form in `code` (the default language's, as an editor
    starts), as a language needs before its pages render facts: festival names, place names."""
    import yaml

    codes = set(load_site(ROOT).codes)
    default = load_site(ROOT).default.code

    def fill(node: object) -> None:
        if isinstance(node, dict):
            if codes <= set(node) and code not in node:
                node[code] = node[default]
            for value in list(node.values()):
                fill(value)
        elif isinstance(node, list):
            for value in node:
                fill(value)

    for path in sorted((project / "data").glob("*.yml")):
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        fill(tree)
        path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def french(make_project: Callable[..., Path]) -> Path:
    """The project with French declared in preparation and two French pages."""
    project = make_project(PAGES)
    declare(project)
    give_data_forms(project)
    return project


def build(project: Path, out: Path, strict: bool = True, **env: str) -> None:
    """`mkdocs build` as `make build` runs it (--strict: any warning fails)."""
    args = ["build", "--clean", "--site-dir", str(out), *(["--strict"] if strict else [])]
    result = mkdocs(*args, cwd=project, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "ERROR" not in result.stderr


def hreflangs(soup: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def switcher(soup: BeautifulSoup) -> list[str]:
    return [a.get("hreflang", "") for a in soup.select("a.md-select__link")]


def sitemap_languages(site: Path) -> set[str]:
    tree = ET.parse(site / "sitemap.xml")
    langs = {link.get("hreflang") for link in tree.getroot().iter(f"{{{SITEMAP_NS['x']}}}link")}
    return {lang for lang in langs if lang}


def test_a_language_in_preparation_is_declared_and_measured(french: Path) -> None:
    """`xulang status` can tell editors what French still needs before it is published."""
    from xulang import preparation

    site = load_site(french)
    assert "fr" in [lang.code for lang in site.preparing]
    assert "fr" in site.codes and "fr" not in site.published().codes
    tree = ContentTree.load(site)
    progress = preparation.progress(site, tree, "fr")
    assert progress.done == ["index.md"]
    sections = sorted(
        rel for rel in tree.sources if rel.count("/") == 1 and rel.endswith("/index.md")
    )
    assert sections and progress.missing == sections and not progress.complete
    # its own list, declared with the language, wins over the plugin's
    config = french / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    own = "            status: preparation\n            minimum_content: [index.md]\n"
    config.write_text(text.replace("            status: preparation\n", own), encoding="utf-8")
    site = load_site(french)
    assert preparation.progress(site, ContentTree.load(site), "fr").complete


def test_preparation_is_left_out_of_production(french: Path, tmp_path: Path) -> None:
    """Readers of the public site never meet a half-translated French site: no page, no switcher
    entry, no hreflang, no sitemap alternate, no feed, no search index; and the build does not
    refuse it for its missing pages."""
    config = french / "mkdocs.yml"  # the plugin's option, as the guide shows it
    text = config.read_text(encoding="utf-8")
    option = '\n  - xulang:\n      minimum_content: [index.md, "*/index.md"]'
    config.write_text(text.replace("\n  - xulang:", option), encoding="utf-8")
    out = tmp_path / "site"
    build(french, out)
    assert not (out / "fr").exists()
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "fr" not in hreflangs(home) and "fr" not in switcher(home)
    assert "fr" not in sitemap_languages(out)
    assert "/fr/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    from xulang import nginx

    assert "/fr/" not in nginx.language_block(load_site(french))


def test_preparation_is_previewed_with_the_fallback_notice(french: Path) -> None:
    """An editor previews French as it grows: translated pages in French, the others as the
    Vietnamese page under a notice in French, and French in the language menu."""
    with preview(french) as base:
        home = BeautifulSoup(fetch(base + "fr/", timeout=180), "html.parser")
        assert home.html["lang"] == "fr"
        assert "porte du Viêt Nam" in home.find("h1").get_text()
        assert "fr" in switcher(home)
        missing = BeautifulSoup(fetch(base + "fr/du-lich/"), "html.parser")
        notice = missing.select_one(".xl-fallback")
        assert notice is not None and "Traduction en préparation" in notice.get_text()
        vi_home = BeautifulSoup(fetch(base), "html.parser")
        assert "fr" in switcher(vi_home)
        index = json.loads(fetch(base + "fr/search/search_index.json"))  # French search works
        assert index["config"]["lang"] == ["fr"]
        assert any("porte du Viêt Nam" in doc.get("title", "") for doc in index["docs"])


def test_a_completed_language_appears_everywhere(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """Removing `status: preparation` publishes French like any language: its pages, the language
    menu, hreflang, sitemap alternates, its own 404 page, feed and search index, and its nginx
    404 location. (Its other pages are stand-ins here: `missing_translations: fallback`.)"""
    project = make_project(PAGES)
    declare(project, status=False)
    give_data_forms(project)
    out = tmp_path / "site"
    # Two short French pages cannot mirror their sources' headings and links: the checker warns
    # about them (its warnings would stop a --strict build); nothing else may go wrong.
    build(project, out, strict=False, XULANG_MISSING_TRANSLATIONS="fallback")
    site = load_site(project)
    assert "fr" in site.published().codes
    home = BeautifulSoup((out / "fr/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.html["lang"] == "fr" and "porte du Viêt Nam" in home.get_text()
    vi_home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    for soup in (home, vi_home):
        assert hreflangs(soup)["fr"] == site.site_url + "fr/"
        assert "fr" in switcher(soup)
    assert "fr" in sitemap_languages(out)
    not_found = BeautifulSoup((out / "fr/404.html").read_text(encoding="utf-8"), "html.parser")
    assert not_found.html["lang"] == "fr" and "Page introuvable" in not_found.get_text()
    feed = ET.parse(out / "fr/tin-tuc/feed.xml").getroot()
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles[0] == "Actualités – Lạng Sơn" and any("Début des travaux" in t for t in titles)
    index = json.loads((out / "fr/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    assert any("porte du Viêt Nam" in doc.get("title", "") for doc in index["docs"])
    from xulang import nginx

    assert "location /fr/ {" in nginx.language_block(site)


def test_figures_and_names_of_a_new_language_come_from_cldr(french: Path) -> None:
    """A French page writes 8 310,18 km² and 5 février 2027 without anyone typing a French table;
    the checker names French in its messages."""
    from xulang.checks.language import language_name
    from xulang.facts import FactView, format_date

    site = load_site(french)
    lang = site.language("fr")
    area = FactView("x", {"value": 8310.18, "unit": "km2"}, "fr", {}).quantity()
    assert area == "8\u202f310,18 km²"  # CLDR groups French digits with a narrow space
    assert format_date("2027-02-05", "fr") == "5 février 2027"
    assert format_date("2027-02", "fr") == "février 2027"
    assert lang.direction == "ltr" and lang.display_name() == "français"
    assert "French" in language_name(site, "fr")


def test_no_language_is_named_in_code() -> None:
    """Adding a language needs no code change: no module or template names a language code."""
    import re

    code = re.compile(r"""["'](vi|en|zh)["']|\bZH_|\bNAMES\b|\bUNITS\b""")
    # every module of the package, new ones included, but these, which still name a language
    # (messages.py, cli.py and findings.py: the editors' two message languages, not the site's)
    not_yet = {
        "cli.py",
        "findings.py",
        "messages.py",
        "periodtext.py",
        "report.py",
        "checks/writing.py",
        "plugin/gate.py",
        "plugin/ics.py",
        "plugin/upstream.py",
    }
    package = ROOT / "scripts/xulang"
    owned = [
        path
        for path in sorted(package.rglob("*.py"))
        if path.relative_to(package).as_posix() not in not_yet
    ]
    assert package / "checks/figures.py" in owned and package / "site.py" in owned
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in owned
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if code.search(line)
    ]
    assert found == []


KOREAN = """\
        - locale: ko
          name: 한국어
          site_name: 베트남 랑선성
          extra:
            status: preparation
            og_locale: ko_KR
            writing:
              script: hangul
              phone_format: international
              numbers: {compact: short, compact_from: 10000}  # CLDR: Korean has only short
            search: {lang: [ko]}
            ui: {language: ko}
"""


def test_a_paragraph_in_another_language_is_named_not_a_traceback(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """An English paragraph left on a Korean page is reported as English on a Korean page, in
    the editor's words, instead of stopping the checker with a traceback."""
    from xulang.cli import main

    english = (
        "The province lies in the northeast of Vietnam, on the main road and the railway that "
        "link Hanoi with China, and it is home to a border economic zone and a geopark."
    )
    korean = (
        "랑선성은 베트남 동북부에 있으며 하노이와 중국을 잇는 도로와 철도가 지나는 국경 지역입니다."
    )
    page = "---\ntitle: 랑선성\ndescription: 랑선성\nowner: van-phong-ubnd\nstatus: draft\n---\n\n"
    project = make_project({"content/ko/index.md": f"{page}# 랑선성\n\n{korean}\n\n{english}\n"})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "- locale: ko\n" not in text:  # the project's own declaration, or the test's
        config.write_text(text.replace("\n  - xulang:", "\n" + KOREAN.rstrip() + "\n  - xulang:"))
    main(["--root", str(project), "check", "--format", "json", "--skip", "freshness"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["path"] == "content/ko/index.md"]
    xl071 = [f for f in found if f["code"] == "XL071"]
    assert len(xl071) == 1 and xl071[0]["line"] == 12, found
    assert "English" in xl071[0]["message"] and "Korean" in xl071[0]["message"]


def test_korean_figures_in_man_and_eok() -> None:
    """A Korean reader sees 80.73만 and 844억 (CLDR's Korean words for large numbers, in its one
    compact style) and kilometres as CLDR writes them, with no Korean table in the code."""
    from xulang import locales

    locales.register("ko", "ko", {})
    assert locales.compact_number(
        807315, "ko", {"compact": "long", "compact_from": 10000}, None
    ) == ("80.73만")
    assert locales.compact_number(84.4e9, "ko", {"compact": "short"}, None) == "844억"
    assert locales.unit_pattern("km", "ko").format(n="12") == "12km"
    assert locales.format_date("2027-02-05", "ko") == "2027년 2월 5일"
