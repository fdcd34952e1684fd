"""The dashboard in a real browser: Playwright for Python drives Debian's chromium (installed by the
test command from apt, never by `playwright install`) through search, an article with its highlights,
an entity page and the events charts. Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium), as the test "
                "command in README and .ci/run does", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        # --no-sandbox: CI runs as root in a container, where chromium's sandbox cannot start
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ar")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    # a refused resource (the Content-Security-Policy) or a missing one shows as a console error
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield opened
    context.close()
    assert not errors, f"errors in the page: {errors}"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"\nscreenshot: {path}")


def test_browser_search_then_article_highlights(page, live_url):
    page.goto(live_url + "/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.fill("input[name=q]", "الكويت")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".result")
    everywhere = int(page.locator(".total").get_attribute("data-total") or 0)
    page.locator("form.search details summary").click()
    page.fill("input[name=agency]", "KUNA")
    page.press("input[name=agency]", "Enter")
    page.wait_for_url("**agency=KUNA**")
    from_kuna = int(page.locator(".total").get_attribute("data-total") or 0)
    assert 0 < from_kuna < everywhere
    assert all("KUNA" in meta for meta in page.locator(".result .meta").all_inner_texts())
    page.fill("input[name=agency]", "")
    page.fill("input[name=q]", '"مجلس الأمن" الفاشر')
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".result")
    assert page.locator(".result .m.hit").count() > 0
    _shot(page, "1-search")

    page.locator(".result a.headline").first.click()
    page.wait_for_selector(".article .body")
    entities = page.locator(".body a.m.entity")
    assert entities.count() >= 5 and entities.first.is_visible()
    kuwait = page.locator('.body a.m.entity[data-entity="Q817"]').first
    assert kuwait.inner_text() in ("الكويت", "دولة الكويت")
    assert kuwait.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    triggers = page.locator(".body .m.event")
    assert triggers.count() >= 3 and page.locator(".body .m.quote").count() == 1
    items = page.locator(".event-item")
    assert items.count() >= 4
    assert "REQUEST" in items.first.inner_text() and "KWT" in items.first.inner_text()
    # the light script: pointing at an event in the list flashes its trigger in the text
    item = page.locator(".event-item", has=page.locator(".evidence .m.event")).nth(1)
    item.hover()
    number = item.get_attribute("data-event")
    assert "flash" in (page.locator(f"#trigger-{number}").get_attribute("class") or "")
    _shot(page, "2-article")
    page.locator("input[data-toggle=entity]").uncheck()
    assert "hide-entity" in (page.locator("body").get_attribute("class") or "")


def test_browser_entity_page_from_an_article(page, live_url, article_id):
    page.goto(f"{live_url}/articles/{article_id}")
    page.locator('.body a.m.entity[data-entity="Q817"]').first.click()
    page.wait_for_url("**/entities/Q817")
    assert "الكويت" in page.locator("h1").inner_text() and "Kuwait" in page.locator("h1").inner_text()
    assert page.locator("ul.names li").count() >= 2
    assert page.locator("svg.bars rect.bar").count() >= 1
    assert page.locator("ul.co a").count() >= 3
    _shot(page, "3-entity")


def test_browser_events_timeline_network_map(page, live_url):
    page.goto(live_url + "/")
    page.locator("header nav a[href='/events']").click()
    page.wait_for_selector("svg.timeline")
    assert page.locator("svg.timeline g.lane").count() >= 5
    assert page.locator("svg.timeline circle").count() >= 10
    assert page.locator("svg.network line.edge").count() >= 3
    assert page.locator("svg.network a.node-link").count() >= 3
    assert page.locator("svg.map circle.spot").count() >= 5
    box = page.locator("svg.network").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    _shot(page, "4-events")



def test_browser_run_through_story_article_dyad_download_entity_map(page, live_url):
    """An analyst's run: search → a story's collapsed copies → one copy's article → the dyad of one
    of its events → that dyad's events as CSV (the file checked against the page) → an actor's
    entity page with its events → the map of event places, over country outlines."""
    import csv
    import io

    page.goto(live_url + "/")
    page.fill("input[name=q]", "الكويت")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".result")
    stories = page.locator(".result details.copies")
    assert stories.count() >= 1
    # the first story one of whose copies has an event between two coded actors
    for i in range(stories.count()):
        story = stories.nth(i)
        copies = int(story.get_attribute("data-copies") or 0)
        assert copies >= 1 and f"{copies} more" in story.locator("summary").inner_text()
        assert not story.locator("a.copy").first.is_visible()  # collapsed until asked
        story.locator("summary").click()
        assert story.locator("a.copy").count() == copies and story.locator("a.copy").first.is_visible()
        if i == 0:
            _shot(page, "5-collapsed-story")
        copy = story.locator("a.copy").first
        copy_id = (copy.get_attribute("href") or "").rsplit("/", 1)[-1]
        copy.click()
        page.wait_for_selector(".article .body")
        if page.locator(".event-item a.dyad-link").count():
            break
        page.go_back()
        page.wait_for_selector(".result")
    else:
        pytest.fail("no collapsed story has a copy with a dyad")
    assert page.locator(".article").get_attribute("data-id") == copy_id
    assert page.locator("section.story li").count() >= 1  # the story's other copies, listed

    item = page.locator(".event-item", has=page.locator("a.dyad-link")).first
    dyad_href = item.locator("a.dyad-link").get_attribute("href") or ""
    item.locator("a.dyad-link").click()
    page.wait_for_url("**" + dyad_href)
    page.wait_for_selector("section.dyad")
    section = page.locator("section.dyad")
    source, target = section.get_attribute("data-source"), section.get_attribute("data-target")
    assert dyad_href.endswith(f"/{source}/{target}")
    assert page.locator("svg.bars rect.bar").count() >= 1 and page.locator("svg.line circle.dot").count() >= 1
    assert page.locator("svg.quads rect.quad").count() == 4
    rows = page.locator(".event-row")
    assert rows.count() >= 1 and rows.first.locator(".evidence .m.event").count() == 1
    shown = rows.count()
    _shot(page, "6-dyad")

    with page.expect_download() as waiting:
        page.locator('.downloads[data-list="events"] a.dl-csv').click()
    saved = waiting.value
    assert saved.suggested_filename == "khabar-events.csv"
    text = open(saved.path(), encoding="utf-8-sig").read()
    reader = csv.DictReader(io.StringIO(text))
    table = list(reader)
    assert {"source", "target", "type", "article_id"} <= set(reader.fieldnames or ())
    assert len(table) == shown  # every event the page lists, one row each
    assert all(None not in row and None not in row.values() for row in table)  # each row as wide as the header
    assert all((row["source"], row["target"]) == (source, target) for row in table)
    assert copy_id in {row["article_id"] for row in table}  # the event we came from is in it

    page.locator(f'section.dyad h1 a.actor-link[data-actor="{source}"]').click()
    page.wait_for_url("**/entities/**")
    page.wait_for_selector("#entity-events")
    events = page.locator("#entity-events .event-row")
    assert events.count() >= 1 and page.locator("#entity-events .evidence").first.is_visible()
    assert page.locator(f'#entity-events a.dyad-link[href="{dyad_href}"]').count() >= 1  # the dyad's events too
    _shot(page, "7-entity-events")

    page.locator("header nav a[href='/events']").click()
    page.wait_for_selector("svg.map")
    countries = page.locator("svg.map g.land path.country")
    spots = page.locator("svg.map circle.spot.event")
    assert countries.count() >= 10 and spots.count() >= 3
    assert page.locator("svg.map path.country.active").count() >= 1  # the countries with events, shaded
    # drawn in one projection: each spot's disc touches the outline of its own country, as the
    # browser hit-tests it (its centre, or a point of its rim within 4 px, for a capital by the sea)
    off_land = page.evaluate("""() => [...document.querySelectorAll('svg.map circle.spot.event')].filter(c => {
        const land = document.querySelector(`svg.map path.country[data-country="${c.dataset.country}"]`);
        const x = c.cx.baseVal.value, y = c.cy.baseVal.value, r = Math.min(c.r.baseVal.value, 4);
        const around = [[0, 0], ...[...Array(16).keys()].map(k => [r * Math.cos(k * Math.PI / 8), r * Math.sin(k * Math.PI / 8)])];
        return !land || !around.some(([dx, dy]) => land.isPointInFill(new DOMPoint(x + dx, y + dy)));
    }).map(c => c.dataset.country)""")
    assert not off_land, f"spots off their country's outline: {off_land}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("section#map").screenshot(path=str(ARTIFACTS / "8-event-map.png"))


def test_browser_network_edge_opens_its_dyad(page, live_url):
    page.goto(live_url + "/events")
    edge = page.locator("svg.network a.edge-link").first
    dyad = edge.locator("line").get_attribute("data-dyad")
    edge.locator("line").dispatch_event("click")
    page.wait_for_url("**/dyads/**")
    assert page.url.endswith("/dyads/" + dyad.replace("-", "/"))
    assert page.locator(".event-row").count() >= 1
