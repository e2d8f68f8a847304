// Shared by the site tests: the built site served by a real HTTP server under a
// sub-path, as GitHub Pages serves a project site, and a headless Chromium.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export const SITE = process.env.SITE_DIR;
export const PREFIX = process.env.SITE_PREFIX ?? "/repo/";
export const PORT = Number(process.env.SITE_PORT ?? 0);
if (!SITE || !fs.existsSync(path.join(SITE, "index.html"))) {
  throw new Error("SITE_DIR must name a built site (scripts/test builds one)");
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".xml": "application/xml",
  ".json": "application/json",
  ".js": "text/javascript",
  ".txt": "text/plain",
};

/** Starts the server; resolves to its origin ("http://127.0.0.1:PORT"). */
export function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = null;
    if (url.pathname.startsWith(PREFIX)) {
      const rel = decodeURIComponent(url.pathname.slice(PREFIX.length));
      const candidate = path.join(SITE, rel);
      if (candidate.startsWith(SITE)) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) {
          file = path.join(candidate, "index.html");
        } else {
          file = candidate;
        }
      }
    }
    if (file && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(fs.readFileSync(file));
    } else {
      // GitHub Pages answers any missing path with the site's 404.html.
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.readFileSync(path.join(SITE, "404.html")));
    }
  });
  return new Promise((resolve) => {
    server.listen(PORT, "127.0.0.1", () => {
      resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
    });
  });
}

/** Debian's Chromium, and the flags this machine's closed network needs. */
export const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
export const CHROME_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Debian's Chromium, headless. */
export function launch() {
  return chromium.launch({ executablePath: CHROME, args: ["--headless", ...CHROME_FLAGS] });
}

/** One page of each kind, found in the built site. */
export function pageKinds() {
  const dirs = (rel) =>
    fs.readdirSync(path.join(SITE, rel), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  // A folder named as a year is a year's page of a list, not a briefing.
  const year = (name) => /^\d{4}$/.test(name);
  const briefings = dirs("briefings").filter((b) => !year(b));
  const briefing = briefings[0];
  const withSummary = briefings.find((b) => fs.existsSync(path.join(SITE, "briefings", b, "summary")));
  const exchange = dirs(`briefings/${briefing}`).find((d) => d !== "summary");
  // An official whose page lists figures they gave, when one has.
  const speakers = dirs("speakers");
  const speaker =
    speakers.find((s) =>
      fs.readFileSync(path.join(SITE, "speakers", s, "index.html"), "utf8").includes('id="figures"'),
    ) ?? speakers[0];
  const kinds = {
    home: "",
    briefings: "briefings/",
    briefing: `briefings/${briefing}/`,
    exchange: `briefings/${briefing}/${exchange}/`,
    topics: "topics/",
    topic: `topics/${dirs("topics")[0]}/`,
    speaker: `speakers/${speaker}/`,
    outlet: `outlets/${dirs("outlets")[0]}/`,
    officials: "speakers/",
    outlets: "outlets/",
    data: "data/",
    about: "about/",
    figures: "figures/",
    "404": "no/such/page/",
  };
  if (withSummary) kinds.summary = `briefings/${withSummary}/summary/`;
  // Lists split by year and into pages, when the archive is long enough.
  const listYear = dirs("briefings").find(year);
  if (listYear) kinds["briefings, a year"] = `briefings/${listYear}/`;
  for (const speaker of dirs("speakers")) {
    const years = dirs(`speakers/${speaker}`).filter(year);
    const paged = years.find((y) => fs.existsSync(path.join(SITE, "speakers", speaker, y, "2")));
    if (paged) {
      kinds["official, a later page"] = `speakers/${speaker}/${paged}/2/`;
      break;
    }
  }
  if (fs.existsSync(path.join(SITE, "search", "index.html"))) kinds.search = "search/";
  return kinds;
}

/** A reader's first query on the search page, in a fresh browser context (nothing
 * cached): what it downloaded (the script, the index's files and the pages the
 * excerpts come from, as the search test counts them), the status line and the
 * results' links. `params` are more query parameters (a filter: { year: "2003" }). */
export async function firstQuery(browser, origin, query, params = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  const counting = [];
  page.on("response", (r) => {
    const url = r.url();
    if (url.includes("/search-index/") || url.endsWith("/search.js") || r.request().resourceType() === "fetch") {
      counting.push(r.body().then((b) => (bytes += b.length)).catch(() => {}));
    }
  });
  const search = new URLSearchParams({ q: query, ...params });
  await page.goto(`${origin}${PREFIX}search/?${search}`);
  await page.waitForFunction(() => document.getElementById("status").textContent.length > 0);
  await Promise.all(counting);
  const status = await page.locator("#status").innerText();
  const hrefs = await page.locator("#results > li h2 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  await context.close();
  return { bytes, status, hrefs };
}
