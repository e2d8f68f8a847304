// Reading and citing, in headless Chromium: who speaks is on screen when a reader
// lands deep in an answer on a phone; every paragraph has a link that copies its
// address (keyboard too); each citation format is read back by a real parser
// (citation-js: BibTeX, RIS, CSL-JSON); the page's <meta> tags say the same.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-csl";
import { serve, launch, SITE, PREFIX } from "./lib.mjs";

/** An exchange page whose longest turn has several paragraphs: its path and the id
 * of that turn's last paragraph. */
function deepParagraph() {
  const briefings = path.join(SITE, "briefings");
  let best = null;
  for (const b of fs.readdirSync(briefings)) {
    const dir = path.join(briefings, b);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const e of fs.readdirSync(dir)) {
      const file = path.join(dir, e, "index.html");
      if (!fs.existsSync(file) || e === "summary") continue;
      const html = fs.readFileSync(file, "utf8");
      for (const turn of html.split('<div class="turn ').slice(1)) {
        const ids = [...turn.split("</div>")[0].matchAll(/<p id="([^"]+)"/g)].map((m) => m[1]);
        if (!best || ids.length > best.count) best = { rel: `briefings/${b}/${e}/`, id: ids.at(-1), count: ids.length };
      }
    }
  }
  return best;
}

/** Runs `use(page, origin)` on a fresh page of the served site, in a browser of its
 * own (`clipboard`: the page may read and write the clipboard); all closed after. */
async function withPage({ viewport, clipboard = false }, use) {
  const server = await serve();
  const browser = await launch();
  const context = await browser.newContext(viewport ? { viewport } : {});
  if (clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const page = await context.newPage();
  try {
    await use(page, server.origin);
  } finally {
    await context.close();
    await browser.close();
    server.close();
  }
}

test("landing on a deep paragraph on a phone shows who is speaking", async () => {
  const target = deepParagraph();
  assert.ok(target && target.count >= 3, `a turn of several paragraphs exists: ${JSON.stringify(target)}`);
  await withPage({ viewport: { width: 375, height: 812 } }, async (page, origin) => {
    await page.goto(`${origin}${PREFIX}${target.rel}#${target.id}`);
    const paragraph = page.locator(`[id="${target.id}"]`);
    const label = paragraph.locator("xpath=ancestor::div[contains(@class,'turn')][1]/p[@class='speaker']");
    const turn = paragraph.locator("xpath=ancestor::div[contains(@class,'turn')][1]");
    const [p, l, t] = [await paragraph.boundingBox(), await label.boundingBox(), await turn.boundingBox()];
    assert.ok(t.y < -100, `the turn starts above the window (y=${t.y}): its label would be off screen`);
    assert.ok(l.y >= 0 && l.y + l.height <= 812, `the speaker's label is on screen (y=${l.y})`);
    assert.ok(l.y + l.height <= p.y + 1, "the label does not cover the paragraph");
    const name = await label.locator(".name").innerText();
    assert.ok(name.length > 2, "the label names the speaker");
    // Further down the same turn, the label is still there.
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(100);
    const again = await label.boundingBox();
    assert.ok(again.y >= 0 && again.y < 812, "the label stays in view while the turn is read");
  });
});

test("a paragraph's link copies its address, by mouse or keyboard", async () => {
  const target = deepParagraph();
  await withPage({ viewport: { width: 1280, height: 900 }, clipboard: true }, async (page, origin) => {
    await page.goto(`${origin}${PREFIX}${target.rel}`);
    const link = page.locator(`[id="${target.id}"] > a.pl`);
    assert.match(await link.getAttribute("aria-label"), /^Link to paragraph \d+$/);
    await link.click();
    const want = `${origin}${PREFIX}${target.rel}#${target.id}`;
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), want);
    assert.equal(page.url(), want, "the address bar shows the paragraph too");
    assert.match(await page.locator(".copied").innerText(), /Link copied/);
    assert.equal(await page.locator(`[id="${target.id}"]`).evaluate((el) => el.matches(":target")), true);

    // Keyboard: the turn's link is reached with Tab like any link, and Enter copies.
    await page.evaluate(() => navigator.clipboard.writeText(""));
    const turnLink = page.locator(".turn .speaker > a.pl").first();
    await turnLink.focus();
    assert.equal(await turnLink.evaluate((el) => el === document.activeElement && el.tabIndex >= 0), true);
    await page.keyboard.press("Enter");
    const turnId = await page.locator(".turn").first().getAttribute("id");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${origin}${PREFIX}${target.rel}#${turnId}`);
  });
});

test("each citation format parses, and says what the page and its meta tags say", async () => {
  const target = deepParagraph();
  await withPage({ clipboard: true }, async (page, origin) => {
    for (const rel of [target.rel, target.rel.split("/").slice(0, 2).join("/") + "/"]) {
      await page.goto(`${origin}${PREFIX}${rel}`);
      const meta = async (name) => page.locator(`meta[name="${name}"]`).evaluateAll((ms) => ms.map((m) => m.content));
      const [title] = await meta("citation_title");
      const authors = await meta("citation_author");
      const [date] = await meta("citation_date");
      assert.equal(title, await page.locator("h1").innerText(), `${rel}: citation_title is the heading`);
      assert.ok(authors.length > 0, `${rel}: citation_author`);
      assert.equal((await meta("DC.identifier"))[0], `${origin}${PREFIX}${rel}`);
      const today = new Date().toISOString().slice(0, 10);
      const text = async (format) => page.locator(`[data-cite="${format}"]`).textContent();
      for (const format of ["bibtex", "ris", "csl"]) {
        const source = await text(format);
        const input = format === "csl" ? JSON.parse(source) : source;
        const items = new Cite(input).data;
        assert.equal(items.length, 1, `${rel} ${format}: one item from\n${source}`);
        const item = items[0];
        assert.equal(item.title, title, `${rel} ${format}: title`);
        const names = (item.author ?? []).map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(" "));
        assert.deepEqual(names, authors, `${rel} ${format}: authors, each name whole`);
        assert.equal(item.issued["date-parts"][0].map((n) => String(n).padStart(2, "0")).join("/"), date, `${rel} ${format}: date`);
        assert.equal(item.URL, `${origin}${PREFIX}${rel}`, `${rel} ${format}: the archive's address`);
        assert.equal(item.accessed["date-parts"][0].map((n) => String(n).padStart(2, "0")).join("-"), today, `${rel} ${format}: accessed today`);
      }
      assert.match(await text("text"), new RegExp(`Accessed \\d+ \\w+ ${today.slice(0, 4)}\\.$`));
      // A copy button per format, and it copies that format.
      await page.locator("details:has([data-cite=ris]) summary").click();
      await page.getByRole("button", { name: "Copy the RIS record" }).click();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await text("ris"));
    }
  });
});
