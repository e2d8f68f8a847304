// A crawl of the site served under a sub-path: every page reached, no broken link or
// anchor, no link leaving the sub-path or going to another host.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, SITE, PREFIX } from "./lib.mjs";

const attributes = (html, name) =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => m[1].replaceAll("&amp;", "&"));

test("a crawl under the sub-path reaches every page and finds nothing broken", async () => {
  const server = await serve();
  try {
    const base = server.origin + PREFIX;
    const queue = [base];
    const seen = new Set();
    const pages = new Map();
    const anchors = [];
    const problems = [];
    let links = 0;
    while (queue.length) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url);
      if (res.status !== 200) {
        problems.push(`${url}: HTTP ${res.status}`);
        continue;
      }
      if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
      const html = await res.text();
      pages.set(url, html);
      for (const link of [...attributes(html, "href"), ...attributes(html, "src")]) {
        links++;
        const target = new URL(link, url);
        if (target.origin !== server.origin) {
          problems.push(`${url}: request to another host: ${link}`);
          continue;
        }
        if (!target.pathname.startsWith(PREFIX)) {
          problems.push(`${url}: link leaves the sub-path: ${link}`);
          continue;
        }
        if (target.hash) anchors.push([url, target.origin + target.pathname, decodeURIComponent(target.hash.slice(1))]);
        queue.push(target.origin + target.pathname);
      }
    }
    for (const [from, page, id] of anchors) {
      const html = pages.get(page);
      if (html && !html.includes(` id="${id}"`)) problems.push(`${from}: no #${id} on ${page}`);
    }
    // Every page the build wrote is reachable by links.
    const built = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "index.html") built.push(base + path.relative(SITE, path.dirname(full)).split(path.sep).filter(Boolean).map((p) => p + "/").join(""));
      }
    };
    walk(SITE);
    const unreached = built.filter((u) => !pages.has(u));
    assert.deepEqual(unreached, [], "pages no link leads to");
    assert.deepEqual(problems, []);
    console.log(`crawled ${pages.size} pages, checked ${links} links and ${anchors.length} anchors`);
  } finally {
    server.close();
  }
});
