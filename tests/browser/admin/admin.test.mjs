// Browser test of the admin UI (issue 11, "Done when"): a real `veiviser-server serve --demo`
// on a loopback port, real headless Chromium, the demo accounts, and the real `veiviser` CLI
// syncing what was published. axe-core must find no serious or critical violation on any
// admin page visited; screenshots of the main pages go to target/artifacts/admin/.
//
// Usage: node tests/browser/admin/admin.test.mjs   (scripts/test-browser-admin.sh builds the
// binaries first; VEIVISER_BIN_DIR points at them, default target/debug).

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { launch, seriousViolations, screenshotNotBlank, artifactDir, writeJson, repoRoot, test, run } from "../lib.mjs";

const BIN = process.env.VEIVISER_BIN_DIR || join(repoRoot, "target", "debug");
const SHOTS = artifactDir("admin");
const GUIDE = "snakke-med-barnet";
const NEW_TEXT = "Ny tekst fra nettleseren: lytt, og <b>ikke</b> still ledende spørsmål.";
const SUMMARY_NB = "Første steg i «Snakke med barnet» er skrevet om.";
const URGENT_GUIDE = "fra-bekymring-til-handling";

const scratch = mkdtempSync(join(tmpdir(), "veiviser-admin-browser-"));
let server;
let base;
let browser;
const axeReport = {};

/** Starts the server on a free loopback port; resolves with its base URL. */
function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(join(BIN, "veiviser-server"), [
      "serve", "--demo", "--data", join(scratch, "data"), "--listen", "127.0.0.1:0",
    ], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RUST_LOG: "warn" } });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60000);
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.stderr.on("data", (d) => { out += d; });
    server.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${out}`)); });
  });
}

/**
 * Runs axe on the page (kept per page name) and fails on a serious or critical violation.
 * `known` lists rule ids reported but not failed: only for the preview frame, which is the
 * staff app's own document from veiviser-html (tested by tests/browser/app/ and owned there).
 */
async function checkA11y(page, name, known = []) {
  const v = await seriousViolations(page);
  axeReport[name] = v;
  const failing = v.filter((x) => !known.includes(x.id));
  for (const x of v.filter((x) => known.includes(x.id))) {
    console.log(`note: axe on ${name} (the app renderer's document): ${x.id} at ${x.targets.join(", ")}`);
  }
  assert.deepEqual(failing, [], `axe on ${name}: ${JSON.stringify(failing, null, 2)}`);
}


async function shot(page, name) {
  await screenshotNotBlank(page, join(SHOTS, `${name}.png`));
}

async function signIn(page, user) {
  await page.goto(`${base}/admin/login`);
  await page.fill("#f-user", user);
  await page.fill("#f-password", `DEMO-ONLY-${user}`);
  await page.click("button[type=submit]");
  await page.waitForURL(`${base}/admin`);
  assert.match(await page.textContent("header"), new RegExp(user));
}

async function signOut(page) {
  await page.click("header form button");
  await page.waitForURL(/\/admin\/login\?signed_out=1/);
}

/** Waits for a URL matching `re`; on a timeout the error carries the page's text. */
async function expectUrl(page, re) {
  try {
    await page.waitForURL(re, { timeout: 15000 });
  } catch (e) {
    const text = (await page.textContent("main").catch(() => "")) || "";
    throw new Error(`expected ${re}, still at ${page.url()} (${e.message.split("\n")[0]}):\n${text.replace(/\s+/g, " ").slice(0, 2000)}`);
  }
}

/** The CSRF token of the current page's forms. */
async function csrfOf(page) {
  return page.getAttribute("input[name=csrf_token]", "value");
}

let reviewUrl;
let draftUrl;

test("an editor signs in, edits a step, sees the broken target inline, fixes it, requests review", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${base}/admin/login`);
  await checkA11y(page, "login");
  await shot(page, "login");
  // A wrong password: the error is at the field and in the summary that links to it.
  await page.fill("#f-user", "demo-editor");
  await page.fill("#f-password", "wrong");
  await page.click("button[type=submit]");
  assert.equal(await page.getAttribute("#f-user", "aria-invalid"), "true");
  assert.equal(await page.getAttribute(".error-summary a", "href"), "#f-user");
  await checkA11y(page, "login-failed");

  await signIn(page, "demo-editor");
  await checkA11y(page, "dashboard");
  await shot(page, "dashboard");

  await page.click("nav.main >> text=Veivisere");
  await checkA11y(page, "guides");
  await page.click(`button[aria-label="Lag utkast: ${GUIDE}"]`);
  await expectUrl(page, /\/admin\/drafts\/[0-9a-f]+$/);
  draftUrl = page.url();
  await checkA11y(page, "draft");
  await shot(page, "draft");
  assert.ok(await page.locator("svg.flowchart a.flow-node").count() > 5, "flowchart nodes");
  assert.ok(await page.locator("ol.outline > li").count() > 5, "text outline");

  // The step editor: nb, nn and en side by side.
  await page.click(`a[href$="/steps/S0"] >> nth=0`);
  await page.waitForURL(/\/steps\/S0$/);
  await checkA11y(page, "step-editor");
  await shot(page, "step-editor");
  for (const lang of ["nb", "nn", "en"]) {
    assert.equal(await page.getAttribute(`#f-text-${lang}`, "lang"), lang);
  }
  const target = await page.inputValue("#f-next");
  assert.equal(target, "SEKTOR");
  await page.fill("#f-text-nb", NEW_TEXT);
  await page.selectOption("#f-next", ""); // "— velg steg —": leads nowhere
  await page.click("form[method=post] button[type=submit] >> text=Lagre");
  await page.waitForSelector("#f-next-error");
  assert.equal(await page.getAttribute("#f-next", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#f-next", "aria-describedby"), "f-next-error");
  assert.match(await page.textContent("#f-next-error"), /next/);
  assert.equal(await page.getAttribute(".error-summary a[href='#f-next']", "href"), "#f-next");
  // The typed text is kept, escaped (no <b> element made from it).
  assert.equal(await page.inputValue("#f-text-nb"), NEW_TEXT);
  assert.equal(await page.locator("main b").count(), 0);
  await checkA11y(page, "step-editor-error");
  await shot(page, "step-editor-error");

  await page.selectOption("#f-next", target);
  await page.click("form[method=post] button[type=submit] >> text=Lagre");
  await page.waitForSelector("p.notice[role=status]");
  assert.match(await page.textContent("p.notice[role=status]"), /Utkastet er gyldig/);
  assert.equal(await page.locator("#f-next-error").count(), 0);

  // Request review: bokmål "what's new" is required.
  await page.goto(draftUrl);
  await page.click("text=Send til kontroll");
  await page.waitForSelector("#f-whats_new-nb-error");
  assert.equal(await page.getAttribute("#f-whats_new-nb", "aria-invalid"), "true");
  await checkA11y(page, "review-request-error");
  await page.fill("#f-whats_new-nb", SUMMARY_NB);
  await page.fill("#f-whats_new-en", "The first step of “Talking with the child” was rewritten.");
  await page.click("text=Send til kontroll");
  await expectUrl(page, /\/admin\/reviews\/[0-9a-f]+$/);
  reviewUrl = page.url();
  assert.match(await page.textContent("main"), new RegExp(SUMMARY_NB.replace(/[«»]/g, ".")));

  // The same editor cannot approve: no button, a reason in words, and the post is refused.
  assert.equal(await page.locator("text=Godkjenn og publiser").count(), 0);
  assert.match(await page.textContent("main"), /Bare en kontrollør/);
  const token = await csrfOf(page);
  const refused = await browser.context.request.post(`${reviewUrl}/approve`, { form: { csrf_token: token } });
  assert.equal(refused.status(), 403);
  // A post without the CSRF token is refused too.
  const noToken = await browser.context.request.post(`${reviewUrl}/approve`, { form: {} });
  assert.equal(noToken.status(), 403);
  await checkA11y(page, "review-as-author");
  await signOut(page);
  await page.close();
});

test("a second user (reviewer) reads the diff and flowchart, approves; the CLI syncs the new text", async () => {
  const page = await browser.context.newPage();
  await signIn(page, "demo-reviewer");
  assert.ok(await page.locator(`a[href="${new URL(reviewUrl).pathname}"]`).count() >= 1, "on the to-review list");
  await page.goto(reviewUrl);
  await checkA11y(page, "review");
  await shot(page, "review");
  const main = await page.textContent("main");
  assert.match(main, /text\.nb/, "field diff names the field");
  assert.ok(main.includes("ikke") && main.includes("lytt, og"), "new text shown");
  assert.equal(await page.locator("main b").count(), 0, "guide text is escaped");
  assert.ok(await page.locator("svg.flowchart").count() === 1);

  // The preview walk: the staff app's own screen for the draft, in a frame.
  await page.click("text=Gå gjennom utkastet slik de ansatte vil se det");
  await expectUrl(page, /\/preview$/);
  await checkA11y(page, "preview");
  const frame = page.frameLocator("iframe.preview-frame");
  await frame.locator("main").waitFor();
  assert.ok((await frame.locator("main").textContent()).includes("lytt, og <b>ikke</b>"), "draft text, escaped");
  assert.equal(await frame.locator("main b").count(), 0);
  await shot(page, "preview");
  const src = await page.getAttribute("iframe.preview-frame", "src");
  const framePage = await browser.context.newPage();
  await framePage.goto(`${base}${src}`);
  await checkA11y(framePage, "preview-frame");
  assert.ok((await framePage.textContent("main")).includes("lytt, og"));
  await framePage.click("main a[href*='do=next']");
  await framePage.waitForURL(/do=next/);
  assert.ok(!(await framePage.textContent("main")).includes("lytt, og"), "the walk moves on");
  await checkA11y(framePage, "preview-frame-step-2");
  await shot(framePage, "preview-frame-step-2");
  await framePage.close();

  await page.goto(reviewUrl);
  await page.click("text=Godkjenn og publiser");
  await page.waitForURL(reviewUrl);
  assert.match(await page.textContent("dl.facts"), /Publisert/);
  await signOut(page);
  await page.close();

  const device = join(scratch, "device");
  const synced = execFileSync(join(BIN, "veiviser"), ["sync", "--server", base, "--data", device, "--lang", "nb"], { stdio: "pipe" }).toString();
  // The CLI shows the reviewer's summary ("Hva er nytt") that came with the signed content.
  assert.ok(synced.includes(SUMMARY_NB), `veiviser sync shows the summary:\n${synced}`);
  const walk = JSON.parse(execFileSync(join(BIN, "veiviser"), ["walk", GUIDE, "--data", device, "--json"]).toString());
  assert.equal(walk.step.id, "S0");
  assert.equal(walk.step.text, NEW_TEXT);
  // And the anonymous sync API's releases collection carries it.
  const releases = await (await fetch(`${base}/v1/collections/releases/changeset?since=0`)).text();
  assert.ok(releases.includes(SUMMARY_NB), "the summary is published with the content");
});

test("an urgent fix is published by one reviewer and appears on the second-review list", async () => {
  const page = await browser.context.newPage();
  await signIn(page, "demo-reviewer");
  await page.goto(`${base}/admin/guides`);
  await page.click(`button[aria-label="Lag utkast: ${URGENT_GUIDE}"]`);
  await expectUrl(page, /\/admin\/drafts\/[0-9a-f]+$/);
  const first = await page.getAttribute("table tbody tr:first-child td:first-child a", "href");
  await page.goto(`${base}${first}`);
  await page.fill("#f-text-nb", "Er barnet i akutt fare, ring nødnummeret med en gang.");
  await page.click("form[method=post] button[type=submit] >> text=Lagre");
  await page.waitForSelector("p.notice[role=status]");
  await page.click("text=Tilbake til utkastet");
  await page.fill("#u-f-whats_new-nb", "Rettet teksten om akutt fare.");
  await page.click("text=Publiser nå (hast)"); // without a reason: refused at the field
  await page.waitForSelector("#f-reason-error");
  await page.fill("#u-f-whats_new-nb", "Rettet teksten om akutt fare.");
  await page.fill("#f-reason", "Feil i teksten om akutt fare.");
  await page.click("text=Publiser nå (hast)");
  await expectUrl(page, /\/admin\/reviews\/[0-9a-f]+$/);
  const urgentPath = new URL(page.url()).pathname;
  assert.match(await page.textContent("dl.facts"), /trenger ny kontroll/);
  await page.goto(`${base}/admin`);
  const row = page.locator(`section[aria-labelledby=h-second] a[href="${urgentPath}"]`);
  assert.equal(await row.count(), 1, "on the second-review list");
  assert.match(await page.textContent("section[aria-labelledby=h-second]"), /Frist/);
  await checkA11y(page, "dashboard-second-review");
  await shot(page, "dashboard-second-review");
  await signOut(page);

  // A second reviewer confirms it; it leaves the list.
  await signIn(page, "demo-reviewer-2");
  await page.goto(`${base}${urgentPath}`);
  await page.click("text=Bekreft hastepubliseringen");
  await page.waitForURL(`${base}${urgentPath}`);
  await page.goto(`${base}/admin`);
  assert.equal(await page.locator(`section[aria-labelledby=h-second] a[href="${urgentPath}"]`).count(), 0);
  await signOut(page);
  await page.close();
});

test("the directory entry editor: channels, hours, source; verified today needs a source", async () => {
  const page = await browser.context.newPage();
  await signIn(page, "demo-editor");
  await page.goto(`${base}/admin/directory`);
  await checkA11y(page, "directory");
  await page.click(`button[aria-label$=":alarmtelefonen"]`);
  await expectUrl(page, /\/admin\/drafts\/[0-9a-f]+$/);
  await page.click("text=Rediger kontakten i skjema");
  await expectUrl(page, /\/entry$/);
  await checkA11y(page, "entry-editor");
  await shot(page, "entry-editor");
  assert.equal(await page.inputValue("#f-channel-0-value"), "116 111");
  await page.fill("#f-source", "");
  await page.check("#f-verified_today");
  await page.click("form[method=post] button[type=submit] >> text=Lagre");
  await page.waitForSelector("#f-source-error");
  assert.equal(await page.getAttribute("#f-source", "aria-invalid"), "true");
  assert.equal(await page.getAttribute(".error-summary a", "href"), "#f-source");
  await checkA11y(page, "entry-editor-error");
  await page.fill("#f-source", "116111.no (sjekket i dag)");
  await page.check("#f-verified_today");
  await page.click("form[method=post] button[type=submit] >> text=Lagre");
  await page.waitForSelector("p.notice[role=status]");
  assert.match(await page.textContent("main"), /demo-editor/, "verified by the editor, today");
  await signOut(page);
  await page.close();
});

test("the other pages: stale content, audit log (admin, filterable), live flowchart, English", async () => {
  const page = await browser.context.newPage();
  await signIn(page, "demo-admin");
  const missing = await page.goto(`${base}/admin/drafts/0123456789abcdef01234567`);
  assert.equal(missing.status(), 404);
  await checkA11y(page, "error-404");
  await page.goto(`${base}/admin/stale`);
  await checkA11y(page, "stale");
  await shot(page, "stale");
  await page.goto(`${base}/admin/audit`);
  await checkA11y(page, "audit");
  await shot(page, "audit");
  assert.match(await page.textContent("main table"), /approved|published/);
  await page.selectOption("#f-who", "system");
  await page.click("text=Filtrer");
  const actors = await page.locator("main table tbody tr td:nth-child(3)").allTextContents();
  assert.ok(actors.every((a) => a.startsWith("system")), `system events only: ${actors}`);
  await page.goto(`${base}/admin/guides/${GUIDE}/flowchart`);
  await checkA11y(page, "flowchart");
  await shot(page, "flowchart");
  // Every node is a keyboard-reachable link to its step in the outline.
  const first = page.locator("svg.flowchart a.flow-node").first();
  await first.focus();
  assert.match(await first.getAttribute("href"), /^#outline-/);
  // The language switch.
  await page.click(`a[hreflang=en]`);
  await page.waitForURL(`${base}/admin/guides/${GUIDE}/flowchart`);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("h1"), /Flowchart/);
  await checkA11y(page, "flowchart-en");
  await page.goto(`${base}/admin`);
  await checkA11y(page, "dashboard-en");
  await shot(page, "dashboard-en");
  await page.click(`a[hreflang=nb]`);
  assert.equal(await page.getAttribute("html", "lang"), "nb");
  await page.close();
});

// `run()` exits the process on a failure, so the server and the scratch folder are also
// cleaned up on exit.
process.on("exit", () => {
  writeJson(join(SHOTS, "axe.json"), axeReport);
  if (server && server.exitCode === null) server.kill("SIGTERM");
  rmSync(scratch, { recursive: true, force: true });
});

try {
  base = await startServer();
  browser = await launch();
  await run();
} finally {
  if (browser) await browser.close();
  // Stop the server and wait for it, so nothing writes into the scratch folder once removed.
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(scratch, { recursive: true, force: true });
}
