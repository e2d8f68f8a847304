// axe-core in Chromium: no violation on any kind of page, in light and in dark mode.
import test from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { serve, launch, pageKinds, PREFIX } from "./lib.mjs";

test("axe-core finds no accessibility violation on any page kind, light or dark", async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const problems = [];
    let checked = 0;
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      for (const [kind, rel] of Object.entries(pageKinds())) {
        await page.goto(server.origin + PREFIX + rel);
        const result = await new AxeBuilder({ page }).analyze();
        checked++;
        for (const v of result.violations) {
          problems.push(`${kind} (${scheme}): ${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}]`);
        }
      }
      await context.close();
    }
    console.log(`axe-core: ${checked} pages checked, ${problems.length} violations`);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
