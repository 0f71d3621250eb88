"""Phone numbers and web addresses typed once in data/: each language's own form, a tel: link that
dials from anywhere, ordinary https links; the contacts and border pages that readers act on."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, Built
from xulang.facts import FactError, FactView, phone_forms
from xulang.render import RenderError, render_markdown
from xulang.site import load_site

OFFICE = "0205 3 719 886"
DATA = {
    "contacts": {
        "office": {"value": OFFICE, "kind": "phone", "source": "s", "as_of": "2026"},
        "short": {"value": "113", "kind": "phone", "source": "s", "as_of": "2026"},
        "bad": {"value": "call the office", "kind": "phone", "source": "s", "as_of": "2026"},
        "site": {
            "value": "https://songv.langson.gov.vn/en/",
            "kind": "url",
            "source": "s",
            "as_of": "2026",
        },
        "plain": {"value": "http://example.org/", "kind": "url", "source": "s", "as_of": "2026"},
    }
}


def render(markdown: str, phone_format: str, lang: str = "en") -> str:
    extra = {"writing": {"phone_format": phone_format}}
    return render_markdown(markdown, DATA, lang, f"content/{lang}/x.md", 5, extra)


def test_national_number_gets_country_code_for_readers_abroad() -> None:
    """A foreign reader dials +84 instead of the trunk 0; a short code stays as it is."""
    assert phone_forms(OFFICE) == (OFFICE, "+84 205 3 719 886", "tel:+842053719886")
    assert phone_forms("0985 038 268")[1:] == ("+84 985 038 268", "tel:+84985038268")
    assert phone_forms("113") == ("113", "113", "tel:113")
    assert phone_forms("+84 205 3 719 886")[0] == OFFICE


def test_each_language_shows_its_own_form_and_dials_the_international_digits() -> None:
    """A Vietnamese reader sees 0205…, a foreign reader +84 205…; tapping either dials from any phone."""
    assert (
        render("{{ data.contacts.office }}", "national", "vi")
        == "[0205 3 719 886](tel:+842053719886)"
    )
    assert (
        render("{{ data.contacts.office }}", "international")
        == "[+84 205 3 719 886](tel:+842053719886)"
    )
    assert render("{{ data.contacts.office.phone(False) }}", "international") == "+84 205 3 719 886"
    assert render("{{ data.contacts.short }}", "international") == "[113](tel:113)"


def test_web_address_is_an_ordinary_https_link() -> None:
    """A reader sees the address and can follow it; nothing but https reaches a page."""
    assert render("{{ data.contacts.site }}", "national") == (
        "[songv.langson.gov.vn/en](https://songv.langson.gov.vn/en/)"
    )
    with pytest.raises(RenderError) as plain:
        render("{{ data.contacts.plain }}", "national")
    assert plain.value.finding.code == "XL025"


def test_text_that_is_not_a_phone_number_stops_the_page_with_its_line() -> None:
    """An editor who types words where a number belongs gets path:line, not a broken link."""
    with pytest.raises(RenderError) as bad:
        render("\n{{ data.contacts.bad }}", "national")
    assert bad.value.finding.code == "XL025" and bad.value.finding.line == 6
    with pytest.raises(FactError):
        FactView("x", {"value": 205, "kind": "phone"}, "vi").phone()


def test_every_language_declares_how_it_writes_phone_numbers() -> None:
    """No language is left to a default: mkdocs.yml says national or international for each."""
    site = load_site(ROOT)
    forms = {
        lang.code: (lang.extra.get("writing") or {}).get("phone_format") for lang in site.languages
    }
    assert set(forms.values()) <= {"national", "international"} and None not in forms.values(), (
        forms
    )
    assert forms[site.default.code] == "national"


def test_contact_phones_and_websites_in_data_are_well_formed() -> None:
    """Every phone in data/ can be dialled and every website is an https address."""
    for path in sorted((ROOT / "data").glob("*.yml")):
        if path.stem == "glossary":
            continue

        def walk(node: object, name: str) -> None:
            if isinstance(node, dict) and "value" in node:
                if node.get("kind") == "phone":
                    phone_forms(str(node["value"]))
                if node.get("kind") == "url":
                    assert re.fullmatch(
                        r"https://[a-z0-9.-]+\.[a-z]{2,}/[^\s]*", str(node["value"])
                    ), name
            elif isinstance(node, dict):
                for key, child in node.items():
                    walk(child, f"{name}.{key}")

        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)


# -- the built pages -----------------------------------------------------------------------------


def test_contacts_page_shows_foreign_affairs_phones_in_each_language(built: Built) -> None:
    """Whoever opens the contacts page, in any language, can call the Department of Foreign
    Affairs, in office hours and after hours, with one tap."""
    contacts = yaml.safe_load((ROOT / "data/contacts.yml").read_text(encoding="utf-8"))
    phones = [
        contacts["foreign_affairs"][k]["value"]
        for k in ("phone_office", "phone_office_second", "phone_after_hours")
    ]
    site = load_site(ROOT).published()  # the languages the production build has
    for lang in site.languages:
        article = built.html(lang.prefix + "huong-dan/lien-he/index.html").select_one("article")
        links = {a["href"]: a.get_text(strip=True) for a in article.select('a[href^="tel:"]')}
        national = lang.extra["writing"]["phone_format"] == "national"
        for typed in phones:
            shown_national, shown_international, uri = phone_forms(typed)
            assert links.get(uri) == (shown_national if national else shown_international), (
                lang.code,
                typed,
            )
        outbound = [a["href"] for a in article.select('a[href^="http"]')]
        assert contacts["foreign_affairs"]["website"]["value"] in outbound, lang.code
        assert all(h.startswith("https://") for h in outbound), outbound


def test_border_page_gives_huu_nghi_hours_in_both_time_zones(built: Built) -> None:
    """A visitor from Pingxiang and one from Hanoi both read the gate's hours on their own clock."""
    tourism = yaml.safe_load((ROOT / "data/tourism.yml").read_text(encoding="utf-8"))
    hours = tourism["visitor_practical"]["huu_nghi_passenger_hours"]
    for prefix in (lang.prefix for lang in load_site(ROOT).published().languages):
        text = (
            built.html(prefix + "huong-dan/qua-bien-gioi/index.html")
            .select_one("article")
            .get_text(" ")
        )
        for key in ("open_hanoi", "close_hanoi", "open_beijing", "close_beijing"):
            assert hours[key]["value"] in text, (prefix, key)
