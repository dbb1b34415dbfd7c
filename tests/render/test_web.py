"""The web edition (`staatc build --format html`): pages, safety, links, search, atomic writes."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from staatc.commands.build import build_edition
from staatc.output import tree_digest, write_folder_atomic

AS_OF = date(2024, 9, 1)


def build_site(edition: Path, formats=("html",), force=False) -> Path:
    out = edition.parent.parent / "build"
    build_edition(edition, out, AS_OF, formats, force=force)
    return out / "web"


def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts}


def test_writes_a_page_for_everything(edition) -> None:
    site = build_site(edition)
    pages = html_pages(site)
    assert {"index.html", "standen/uwv.html", "onderzoeken/tias-stapeling.html",
            "hoofdstukken/02-complexiteitsreductie.html", "themas/index.html",
            "standen/index.html", "zoeken.html", "toegankelijkheid.html"} <= set(pages)
    assert (site / "assets" / "site.css").is_file()
    chart = (site / "generated" / "knelpunten-per-thema.svg").read_text(encoding="utf-8")
    assert 'role="img"' in chart and "<title" in chart  # the figures as text, not a picture
    assert 'src="../generated/knelpunten-per-thema.svg" alt="Staafdiagram' in pages["themas/index.html"]


def test_every_page_is_dutch_with_one_h1_a_policy_and_nothing_from_outside(edition) -> None:
    for name, page in html_pages(build_site(edition)).items():
        assert '<html lang="nl">' in page, name
        assert len(re.findall(r"<h1[ >]", page)) == 1, name
        assert 'http-equiv="Content-Security-Policy"' in page, name
        assert "script-src &#39;self&#39;" in page, name
        assert 'href="#inhoud"' in page and '<main id="inhoud"' in page, name
        assert "style=" not in page, name  # the policy forbids inline styles
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), name  # the home page has a heading "Inhoud"
        for attr, url in re.findall(r'(src|<link[^>]*href)="([^"]+)"', page):
            assert not url.startswith(("http", "//")), (name, url)
        assert re.findall(r"<script(?![^>]*\ssrc=)", page) == [], name  # no inline script


def test_menu_breadcrumbs_and_previous_next(edition) -> None:
    page = html_pages(build_site(edition))["standen/uwv.html"]
    assert 'aria-label="Hoofdmenu"' in page
    assert '<a href="index.html" aria-current="true">Standen</a>' in page
    crumbs = page.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert '<a href="../index.html">Home</a>' in crumbs and 'aria-current="page"' in crumbs
    assert 'rel="prev"' in page and 'rel="next"' in page


def test_cross_references_link_to_the_page_that_holds_them(edition) -> None:
    chapter = edition / "chapters" / "01-inleiding.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\nZie [de Stand van UWV](stand:uwv)"
                       " en [het onderzoek](onderzoek:tias-stapeling).\n", encoding="utf-8")
    page = html_pages(build_site(edition))["hoofdstukken/01-inleiding.html"]
    assert '<a href="../standen/uwv.html">de Stand van UWV</a>' in page
    assert '<a href="../onderzoeken/tias-stapeling.html">het onderzoek</a>' in page


def test_chapters_carry_the_numbers_of_the_documents(edition) -> None:
    pages = html_pages(build_site(edition))
    # The test root's inleiding writes [](hoofdstuk:02-complexiteitsreductie).
    assert ('<a href="02-complexiteitsreductie.html">hoofdstuk 2</a>'
            in pages["hoofdstukken/01-inleiding.html"])
    assert '<p class="deel">Hoofdstuk 2 · Deel 1</p>' in pages["hoofdstukken/02-complexiteitsreductie.html"]
    assert '<p class="deel">Hoofdstuk 1</p>' in pages["hoofdstukken/01-inleiding.html"]
    index = pages["hoofdstukken/index.html"]
    assert "<li>1\u2002<a" in index and "<li>2\u2002Deel 1: <a" in index
    contents = pages["index.html"].split(">Inhoud</h2>")[1].split("</ul>")[0]  # the home page's
    assert "<li>1\u2002<a" in contents and "<li>2\u2002Deel 1: <a" in contents


UNSAFE = """

<script>alert(1)</script> en <img src=x onerror="alert(2)">

Een [span]{onclick="alert(3)" style="color:red" .waarschuwing} in de tekst.
"""


def test_raw_html_from_sources_never_reaches_a_page(edition) -> None:
    stand = edition / "standen" / "uwv.md"
    stand.write_text(stand.read_text(encoding="utf-8") + UNSAFE, encoding="utf-8")
    page = html_pages(build_site(edition))["standen/uwv.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page and "<img src=x" not in page
    assert re.search(r"<[a-z]+[^<>]*\son[a-z]+=", page) is None  # no event handler on any tag
    assert "onclick" not in page and "color:red" not in page
    assert '<span class="waarschuwing">span</span>' in page


@pytest.mark.slow  # two whole builds
def test_the_same_sources_give_the_same_bytes(edition) -> None:
    first = tree_digest(build_site(edition))
    assert tree_digest(build_site(edition, force=True)) == first


def test_search_index_is_built_for_dutch(edition) -> None:
    site = build_site(edition)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    search = html_pages(site)["zoeken.html"]
    assert 'src="pagefind/pagefind-ui.js"' in search and "<noscript>" in search
    assert "data-pagefind-body" not in search  # the search page is not a search result


@pytest.mark.slow  # two whole builds
def test_downloads_of_the_documents_built_with_it(edition) -> None:
    site = build_site(edition, ("pdf", "html"))
    assert (site / "downloads" / "staat-van-de-uitvoering-2024.pdf").read_bytes().startswith(b"%PDF")
    assert (site.parent / "staat-van-de-uitvoering-2024.pdf").is_file()
    page = html_pages(site)["standen/uwv.html"]
    assert '<a href="../downloads/staat-van-de-uitvoering-2024.pdf">' in page
    assert "downloads/" not in html_pages(build_site(edition, ("html",)))["index.html"]


def test_the_site_folder_is_replaced_whole_or_not_at_all(tmp_path) -> None:
    target = tmp_path / "web"
    write_folder_atomic(target, {"index.html": b"oud", "a/b.html": b"oud"})

    def broken(folder: Path) -> None:
        raise RuntimeError("the indexer died")

    with pytest.raises(RuntimeError):
        write_folder_atomic(target, {"index.html": b"nieuw"}, finish=broken)
    assert (target / "index.html").read_bytes() == b"oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["web"]  # no temp folder left
    write_folder_atomic(target, {"index.html": b"nieuw"})
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["index.html"]
    with pytest.raises(ValueError):
        write_folder_atomic(target, {"../buiten.html": b"x"})


def test_cli_builds_html_and_all(edition, run) -> None:
    result = run("build", "2024", "--format", "html", "--as-of", "2024-09-01")
    assert result.exit_code == 0, result.output
    assert "Wrote: build/2024/web" in result.output
    again = run("build", "2024", "--format", "html", "--as-of", "2024-09-01")
    assert "Up to date: build/2024/web" in again.output
    bad = run("build", "2024", "--format", "htm")
    assert bad.exit_code != 0 and "unknown format htm" in bad.output
