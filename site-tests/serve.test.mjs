// `serve` in a real browser: open an exchange, edit its file and see the new text
// appear with no reload by the test; break its front matter and see the error over
// the page; fix it and see the page again.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { spawn } from "node:child_process";
import { launch } from "./lib.mjs";

const BIN = process.env.BRIEFINGS_BIN;
const REPO = path.resolve(import.meta.dirname, "..");

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function until(what, check, ms = 30000) {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("serve reloads an edited page and shows a build error over it", { skip: !BIN && "BRIEFINGS_BIN is not set" }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "serve-test-"));
  for (const part of ["content", "templates", "static", "transcripts", "site.yaml"]) {
    fs.cpSync(path.join(REPO, part), path.join(root, part), { recursive: true });
  }
  const port = await freePort();
  const server = spawn(BIN, ["serve", "--root", root, "--port", String(port)], { stdio: "ignore" });
  const browser = await launch();
  try {
    const origin = `http://127.0.0.1:${port}`;
    await until("the site", async () => (await fetch(`${origin}/`)).ok);
    const slug = "2024-07-26-promoting-high-quality-development";
    const file = path.join(root, "content/briefings", slug, "02-national-business-daily.md");
    const original = fs.readFileSync(file, "utf8");
    const page = await browser.newPage();
    await page.goto(`${origin}/briefings/${slug}/02-national-business-daily/`);
    assert.doesNotMatch(await page.locator("h1").innerText(), /Edited in the browser/);

    // The title line replaced whole: titles may be quoted YAML.
    fs.writeFileSync(file, original.replace(/\ntitle: .*\n/, "\ntitle: Edited in the browser\n"));
    await page.waitForFunction(() => document.querySelector("h1")?.innerText.includes("Edited in the browser"), null, { timeout: 30000 });

    fs.writeFileSync(file, original.replace("kind: exchange", "kind: [broken"));
    await page.locator("#briefings-build-error").waitFor({ timeout: 30000 });
    assert.match(await page.locator("#briefings-build-error").innerText(), /02-national-business-daily\.md:\d+/);

    fs.writeFileSync(file, original);
    await page.locator("#briefings-build-error").waitFor({ state: "detached", timeout: 30000 });
    assert.doesNotMatch(await page.locator("h1").innerText(), /Edited in the browser/);
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
