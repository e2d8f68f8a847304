// Search in headless Chromium on the site served under a sub-path: a figure, a name, a
// phrase, a filter, a query with no result, and a click through to the paragraph.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, PREFIX, SITE } from "./lib.mjs";

const hasSearch = fs.existsSync(path.join(SITE, "search", "index.html"));

test("search finds figures, names and phrases, filters, and says when nothing matches", { skip: !hasSearch && "no search page" }, async () => {
  const server = await serve();
  const browser = await launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  let bytes = 0;
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(server.origin + PREFIX)) problems.push(`request outside the site: ${r.url()}`);
  });
  // What a query costs the reader: the script, the index's files, and the pages its
  // results' excerpts come from.
  page.on("response", async (r) => {
    const url = r.url();
    if (url.includes("/search-index/") || url.endsWith("/search.js") || r.request().resourceType() === "fetch") {
      bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
    }
  });
  const results = page.locator("#results > li");
  const status = page.locator("#status");
  const ask = async (query) => {
    await page.evaluate(() => (document.getElementById("status").textContent = ""));
    await page.fill("#q", query);
    await page.locator("#search button[type=submit]").click();
    await page.waitForFunction(() => document.getElementById("status").textContent.length > 0);
  };
  try {
    await page.goto(server.origin + PREFIX + "search/?q=" + encodeURIComponent("3 trillion yuan"));
    await page.waitForFunction(() => document.getElementById("status").textContent.length > 0);
    const firstQueryBytes = bytes;
    assert.ok(firstQueryBytes < 300_000, `the first query downloaded ${firstQueryBytes} bytes`);
    const hrefs = async () => results.locator("h2 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    assert.ok((await hrefs()).some((h) => h.includes("/06-the-enterprise-observer/")), "a figure with its unit");
    assert.ok((await results.first().locator("mark").count()) > 0, "matched words are marked");

    await ask("Jakarta-Bandung");
    assert.ok((await hrefs()).some((h) => h.includes("/10-phoenix-tv/")), "a Chinese place name");

    await ask("Fang Lei");
    assert.ok((await results.count()) >= 2, "an official's name");

    await ask("new quality productive forces");
    assert.ok((await results.count()) >= 1, "a phrase");

    await page.selectOption("#f-topic", "Artificial intelligence");
    await ask("computing power");
    assert.equal(await results.count(), 1, "a filter narrows to the AI exchange");
    assert.ok((await hrefs())[0].includes("/09-economic-information-daily/"));

    // Newest first: the July briefing's exchanges before January's.
    await page.selectOption("#f-topic", "Reform");
    await page.selectOption("#sort", "date");
    await ask("reform");
    const dated = await hrefs();
    const firstJanuary = dated.findIndex((h) => h.includes("/2024-01-24-"));
    const lastJuly = dated.findLastIndex((h) => h.includes("/2024-07-26-"));
    assert.ok(firstJanuary > lastJuly && lastJuly >= 0, `newest first: ${dated.join(", ")}`);
    await page.selectOption("#sort", "relevance");
    await page.selectOption("#f-topic", "Artificial intelligence");

    await ask("zzyzx quux");
    assert.equal(await results.count(), 0);
    assert.match(await status.innerText(), /No result for “zzyzx quux” with these filters\. Try removing a filter\./);

    await page.selectOption("#f-topic", "");
    await ask("Jakarta-Bandung");
    const link = results.first().locator("a");
    const href = await link.getAttribute("href");
    assert.match(href, /^\/repo\/briefings\/[^/]+\/[^/]+\/#[\w-]+-p\d+$/, `links to the paragraph: ${href}`);
    await link.click();
    await page.waitForURL(/#[\w-]+-p\d+$/);
    const target = decodeURIComponent(new URL(page.url()).hash.slice(1));
    assert.match(await page.locator(`[id="${target}"]`).innerText(), /Jakarta-Bandung/);
    assert.deepEqual(problems, []);
    console.log(`search: the first query downloaded ${firstQueryBytes} bytes (script, index, excerpts)`);
  } finally {
    await context.close();
    await browser.close();
    server.close();
  }
});
