// Search over an archive of many years (the generated site scripts/test builds; the
// shipped content has one year and skips it): a query finds exchanges of every year,
// the year filter and the newest-first order hold, and a first query stays small.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, firstQuery, SITE } from "./lib.mjs";

const metaFile = path.join(SITE, "search-index", "meta.json");
const meta = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, "utf8")) : null;
const years = (meta?.filters.year ?? []).map(([year]) => year);

test("search finds every year of an archive, and a first query stays under 300 KB", { skip: years.length < 3 && "fewer than three years" }, async () => {
  const server = await serve();
  const browser = await launch();
  try {
    // A word every briefing of the generated archive has, another few have.
    for (const query of ["enterprises", "central SOEs reform", "3 trillion yuan"]) {
      const { bytes, status, hrefs } = await firstQuery(browser, server.origin, query);
      assert.match(status, /^\d+ results?/, `${query}: ${status}`);
      assert.ok(hrefs.length > 0, query);
      assert.ok(bytes < 300_000, `${query}: the first query downloaded ${bytes} bytes`);
      console.log(`search: "${query}": ${bytes} bytes; ${status}`);
    }
    for (const year of years) {
      const { status, hrefs } = await firstQuery(browser, server.origin, "enterprises", { year });
      assert.ok(hrefs.length > 0, `results in ${year}: ${status}`);
      for (const href of hrefs) assert.match(href, new RegExp(`/briefings/${year}-`), `${year}: ${href}`);
    }
    const { hrefs } = await firstQuery(browser, server.origin, "enterprises", { sort: "date" });
    const dates = hrefs.map((h) => h.match(/\/briefings\/(\d{4}-\d\d-\d\d)-/)[1]);
    assert.deepEqual(dates, [...dates].sort().reverse(), "newest first");
    assert.equal(dates[0].slice(0, 4), years[0], "the newest year first");
  } finally {
    await browser.close();
    server.close();
  }
});
