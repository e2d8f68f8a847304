// Small screenshots of every page kind, phone and desktop, light scheme, for the
// README: `SITE_DIR=<a built site> node scripts/thumbnails.mjs docs/screenshots`.
// The site must be built with --base-url http://127.0.0.1:<SITE_PORT>/repo/.
import fs from "node:fs";
import path from "node:path";
import { serve, launch, pageKinds, PREFIX } from "../site-tests/lib.mjs";

const out = path.resolve(process.argv[2] ?? "docs/screenshots");
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
const kinds = { ...pageKinds(), "search, with results": "search/?q=equipment%20renewal" };
const sizes = [
  ["phone", { width: 375, height: 740 }, 0.5],
  ["desktop", { width: 1366, height: 850 }, 0.3],
];
for (const [label, viewport, scale] of sizes) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
  const page = await context.newPage();
  for (const [kind, rel] of Object.entries(kinds)) {
    await page.goto(server.origin + PREFIX + rel);
    await page.waitForLoadState("networkidle");
    const name = `${kind.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${label}.png`;
    await page.screenshot({ path: path.join(out, name) });
    console.log(name);
  }
  await context.close();
}
await browser.close();
server.close();
