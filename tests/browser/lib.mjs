// Shared helpers for the browser tests: launch Debian's Chromium through playwright-core,
// run axe-core on a page, and check that a screenshot is not a blank single colour.
//
// Playwright cannot download browsers on these machines; the tests drive /usr/bin/chromium
// (Debian's package, installed by scripts/install-browser-deps.sh). Set VEIVISER_CHROMIUM to
// use another binary.

import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { createRequire } from "node:module";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The repository root (tests/browser/../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where screenshots go: a CI artifact folder, never committed (target/ is ignored). */
export function artifactDir(name) {
  const dir = join(repoRoot, "target", "artifacts", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The flags this closed network needs: no background connections, no sandbox as root. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches Chromium with a fresh profile. Returns `{ browser, close }`; `close()` also removes
 * the profile folder.
 */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "veiviser-chromium-"));
  const executablePath = process.env.VEIVISER_CHROMIUM || "/usr/bin/chromium";
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page in `context` at a phone viewport (390×844 CSS px by default). */
export async function phonePage(context, { width = 390, height = 844 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  return page;
}

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the violations whose
 * impact is serious or critical. The script is injected through the DevTools protocol, so a
 * strict Content-Security-Policy on the page does not block it.
 */
export async function seriousViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE }).catch(async () => {
    // A CSP that forbids inline scripts refuses addScriptTag; evaluate the source instead.
    await page.evaluate(AXE_SOURCE);
  });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
}

/**
 * Takes a full-page screenshot to `path` and throws if every pixel has the same colour (a blank
 * or failed render). Returns the number of distinct colours seen (sampled).
 */
export async function screenshotNotBlank(page, path) {
  const buffer = await page.screenshot({ path, fullPage: true });
  const png = PNG.sync.read(buffer);
  const seen = new Set();
  const step = Math.max(1, Math.floor((png.width * png.height) / 200000));
  for (let i = 0; i < png.width * png.height; i += step) {
    const o = i * 4;
    seen.add((png.data[o] << 16) | (png.data[o + 1] << 8) | png.data[o + 2]);
    if (seen.size > 1 && i > 1000) break;
  }
  if (seen.size < 2) {
    throw new Error(`screenshot ${path} is a single colour: the page did not render`);
  }
  return seen.size;
}

/** Writes `value` as pretty JSON to `path` (for test reports kept as artifacts). */
export function writeJson(path, value) {
  writeFileSync(path, JSON.stringify(value, null, 2));
}

/** A tiny test runner: `test(name, fn)` collects, `run()` executes in order and exits non-zero on failure. */
const tests = [];
export function test(name, fn) {
  tests.push({ name, fn });
}
export async function run() {
  let failed = 0;
  for (const t of tests) {
    const start = Date.now();
    try {
      await t.fn();
      console.log(`ok   ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${t.name}\n     ${String(e && e.stack ? e.stack : e).split("\n").join("\n     ")}`);
    }
  }
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  if (failed > 0) process.exit(1);
}
