// End to end in headless Chromium, as a reader goes: home -> topic -> exchange -> its
// briefing at the right anchor -> an official's page -> back. No console error, no
// request outside the sub-path, no horizontal scroll on a phone, a styled 404, and
// screenshots of every page kind at phone and desktop widths.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, pageKinds, PREFIX } from "./lib.mjs";

const SHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? "target/site-screenshots");

async function watched(browser, server, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    // The 404 page's own status is expected where a test asks for a missing page.
    const expected404 = /\/(no\/such|deep\/missing)\//.test(m.location().url ?? "");
    if (m.type() === "error" && !expected404) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(server.origin + PREFIX)) problems.push(`request outside the site: ${r.url()}`);
  });
  return { context, page, problems };
}

test("a reader's path through the site works and stays inside it", async () => {
  const server = await serve();
  const browser = await launch();
  const { context, page, problems } = await watched(browser, server, { width: 1280, height: 900 });
  try {
    await page.goto(server.origin + PREFIX);
    await page.locator("main a[href*='/topics/reform/']").first().click();
    await page.waitForURL(/\/topics\/reform\/$/);
    assert.match(await page.locator("h1").innerText(), /Reform/);

    await page.locator("#about ~ ul a, h2#about ~ ul a").first().click();
    await page.waitForURL(/\/briefings\/[^/]+\/[^/]+\/$/);
    const question = await page.locator("h1").innerText();
    assert.ok(question.length > 10);

    await page.getByRole("link", { name: "This exchange in the full briefing" }).click();
    await page.waitForURL(/\/briefings\/[^/]+\/#[\w-]+$/);
    const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const section = page.locator(`[id="${anchor}"]`);
    assert.equal(await section.evaluate((el) => el.matches(":target")), true, "the anchor is the target");
    const box = await section.boundingBox();
    assert.ok(box && box.y >= -1 && box.y < 900, `the exchange is in view (y=${box?.y})`);
    assert.equal(await section.locator("h2").innerText().then((t) => t.includes(question.replace(/…$/, "").slice(0, 40))), true);

    const official = section.locator(".speaker a[href*='/speakers/']").first();
    const name = await official.innerText();
    await official.click();
    await page.waitForURL(/\/speakers\/[^/]+\/$/);
    assert.equal(await page.locator("h1").innerText(), name);

    await page.goBack();
    assert.equal(decodeURIComponent(new URL(page.url()).hash.slice(1)), anchor);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await browser.close();
    server.close();
  }
});

test("every page kind fits a phone, and the 404 page keeps its styles", async () => {
  const server = await serve();
  const browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
  try {
    for (const [label, viewport] of [["phone", { width: 320, height: 740 }], ["desktop", { width: 1280, height: 900 }]]) {
      const { context, page, problems } = await watched(browser, server, viewport);
      for (const [kind, rel] of Object.entries(pageKinds())) {
        const response = await page.goto(server.origin + PREFIX + rel);
        assert.equal(response.status(), kind === "404" ? 404 : 200, kind);
        if (label === "phone") {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${kind}: ${overflow}px of horizontal scroll at 320px`);
        }
        await page.screenshot({ path: path.join(SHOTS, `${kind}-${label}.png`), fullPage: true });
      }
      // The 404 page, served for a path deep under the sub-path, still has its styles.
      await page.goto(server.origin + PREFIX + "deep/missing/path/");
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector("header.site")).borderBottomStyle);
      assert.equal(styled, "solid", "the stylesheet loaded on the 404 page");
      assert.deepEqual(problems, []);
      await context.close();
    }
    console.log(`screenshots of every page kind, phone and desktop: ${SHOTS}`);
  } finally {
    await browser.close();
    server.close();
  }
});
