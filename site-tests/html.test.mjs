// The Nu HTML Checker (vnu-jar, with the machine's Java) on every built page.
import test from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { SITE } from "./lib.mjs";

const require = createRequire(import.meta.url);

test("the Nu HTML Checker finds no error on any page", () => {
  const jar = require("vnu-jar");
  const run = spawnSync("java", ["-jar", jar, "--skip-non-html", "--format", "json", SITE], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.notEqual(run.status, null, `java did not run: ${run.error}`);
  const report = JSON.parse(run.stderr || run.stdout || '{"messages":[]}');
  const show = (m) => `${m.url?.replace(/^file:/, "")}:${m.lastLine}:${m.firstColumn}: ${m.type}${m.subType ? "/" + m.subType : ""}: ${m.message}`;
  const errors = report.messages.filter((m) => m.type === "error" || m.subType === "fatal");
  const warnings = report.messages.filter((m) => !errors.includes(m));
  for (const w of warnings) console.log(`warning: ${show(w)}`);
  console.log(`Nu HTML Checker: ${errors.length} errors, ${warnings.length} warnings`);
  assert.deepEqual(errors.map(show), []);
});
