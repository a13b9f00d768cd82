// Browser test of every app screen state (apps/screens.md), rendered to HTML by veiviser-html
// (`render-screens`), in real headless Chromium at phone size (390×844 CSS px), in nb and nn,
// at 100 % and 200 % text size. Run by scripts/test-browser-app.sh:
//   node tests/browser/app/screens.test.mjs <rendered-dir>
// Screenshots go to target/artifacts/screens/<lang>/<100|200>/<state>.png (a CI artifact).
// Fails (exit 1) on any axe-core serious/critical violation, a clickable without a label that
// names the action (a call: also the service and the digits) or smaller than 48×48 px, a screen
// without a one-tap 112 in the acute bar within the first screen height, a guide step whose
// acute action does not lead to a screen showing 112, horizontal overflow at 200 %, a page with
// script, an external resource or the wrong lang, and a screenshot of a single colour. Before
// the real screens it proves on fixtures/bad.html and a blank page that each check can fail.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { artifactDir, launch, phonePage, screenshotNotBlank, seriousViolations } from '../lib.mjs';
import { acuteProblems, clickables, focusProblems, labelProblems, overflowProblems, targetProblems } from './checks.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE_PATH = createRequire(path.join(here, '..', 'lib.mjs')).resolve('axe-core/axe.min.js');
const WORKERS = Number(process.env.VEIVISER_BROWSER_WORKERS || 2);
const VIEWPORT = { width: 390, height: 844 };
const SCALES = [1, 2];

const [renderedDir] = process.argv.slice(2);
if (!renderedDir) {
  console.error('usage: node screens.test.mjs <rendered-dir>');
  process.exit(2);
}
// A second argument names another manifest in the folder (a subset, while developing).
const manifestPath = path.join(renderedDir, process.argv[3] || 'manifest.json');
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
if (!Array.isArray(manifest.states) || manifest.states.length === 0) {
  console.error(`${manifestPath}: no states`);
  process.exit(1);
}

/** Loads a file at a text scale and injects axe; returns page-level problems. */
async function load(page, file, scale, lang) {
  await page.goto(pathToFileURL(file).href);
  const problems = await page.evaluate((expectLang) => {
    const p = [];
    if (document.scripts.length) p.push(`${document.scripts.length} <script> element(s)`);
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) p.push(`inline handler ${a.name} on <${el.tagName.toLowerCase()}>`);
    }
    for (const el of document.querySelectorAll('link[href], img[src], iframe, object, embed, video, audio, source')) {
      p.push(`external resource <${el.tagName.toLowerCase()}>`);
    }
    if (expectLang && document.documentElement.lang !== expectLang) p.push(`lang="${document.documentElement.lang}", expected ${expectLang}`);
    for (const tag of ['header', 'main']) if (!document.querySelector(tag)) p.push(`no <${tag}> landmark`);
    if (document.querySelectorAll('h1').length !== 1) p.push(`${document.querySelectorAll('h1').length} <h1> (expected one)`);
    return p;
  }, lang);
  if (scale !== 1) {
    // The user's text size: every size in the stylesheet is in rem/em, so a larger root size is
    // what the browser's text-size setting (and Android's font scale in a WebView) does.
    await page.addStyleTag({ content: `html { font-size: ${scale * 100}% !important; }` });
  }
  const root = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  if (root !== `${16 * scale}px`) problems.push(`root font size ${root}, expected ${16 * scale}px`);
  return problems;
}

async function checkPage(page, state, scale) {
  const problems = await load(page, path.join(renderedDir, state.file), scale, state.lang);
  // axe first: it injects axe-core, whose accessible-name computation `clickables` uses. A
  // guide step (not a screens.md state) runs axe at 100 % only; at 200 % its names are
  // computed with axe injected but not run (the rules do not depend on the text size).
  if (state.kind !== 'step' || scale === 1) {
    for (const v of await seriousViolations(page)) problems.push(`axe ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
  } else {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const items = await clickables(page);
  problems.push(...labelProblems(items), ...targetProblems(items));
  problems.push(...acuteProblems(items, VIEWPORT.height));
  if (scale === 2) problems.push(...(await overflowProblems(page)));
  problems.push(...(await focusProblems(page)));
  if (state.acute_file) {
    // The guide's own acute action: one tap (a link here, an event in the app) to the acute step.
    const target = path.join(renderedDir, state.acute_file);
    const here = path.dirname(path.join(renderedDir, state.file));
    const acute = items.filter((c) => c.href && !c.href.startsWith('tel:') && path.resolve(here, c.href) === target);
    if (acute.length === 0) problems.push(`no one-tap link to the acute step (${state.acute_file})`);
  }
  return { problems, items };
}

/** Every check of one state at one text size; returns the problems. */
async function checkState(page, state, scale) {
  const { problems } = await checkPage(page, state, scale);
  if (state.kind !== 'step') {
    // Every state of screens.md at both text sizes is kept as a screenshot (a CI artifact).
    const shot = path.join(shotDir, state.lang, `${scale * 100}`, `${state.id}.png`);
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await screenshotNotBlank(page, shot).catch((e) => problems.push(e.message));
  }
  if (state.acute_file && scale === 1) {
    // Follow the acute action and require the screen it leads to to show 112 (its own call).
    const acuteTarget = path.join(renderedDir, state.acute_file);
    const link = await page.$('a[data-action="acute_exit"]');
    if (!link) problems.push('no acute action to follow');
    else {
      await link.click();
      await page.waitForLoadState();
      if (page.url() !== pathToFileURL(acuteTarget).href) problems.push(`the acute action led to ${page.url()}`);
      if (!(await page.$('main a[href="tel:112"]'))) problems.push('the acute step it leads to has no call to 112');
    }
  }
  return problems;
}

const shotDir = artifactDir('screens');
const browser = await launch();
let failed = 0;
let checked = 0;
try {
  const page = await phonePage(browser.context, VIEWPORT);

  // Self-test: every check must be able to fail.
  const bad = path.join(here, 'fixtures', 'bad.html');
  const selfTest = await checkPage(page, { file: path.relative(renderedDir, bad), lang: 'nb' }, 2);
  const expected = ['no visible focus ring', 'no accessible name', '< 48×48', 'does not say the digits', 'axe ', 'no one-tap call to 112', 'scrolls sideways', '<script>', 'lang='];
  for (const needle of expected) {
    if (!selfTest.problems.some((p) => p.includes(needle))) {
      console.error(`SELF-TEST FAIL: fixtures/bad.html was not flagged for "${needle}"; got:\n  ${selfTest.problems.join('\n  ')}`);
      failed += 1;
    }
  }
  await page.setContent('<html lang="nb"><body style="margin:0;background:#a1001b"></body></html>');
  const blankShot = path.join(shotDir, 'self-test-blank.png');
  const blankRefused = await screenshotNotBlank(page, blankShot).then(() => false, () => true);
  fs.rmSync(blankShot, { force: true });
  if (!blankRefused) {
    console.error('SELF-TEST FAIL: a blank page was not refused as a single colour');
    failed += 1;
  }
  console.log(`self-test: ${expected.length + 1} checks proven able to fail`);

  // The states, shared by WORKERS pages (tabs) so both cores work.
  const queue = [...manifest.states];
  const worker = async (page) => {
    for (let state = queue.shift(); state; state = queue.shift()) {
      for (const scale of SCALES) {
        const problems = await checkState(page, state, scale);
        checked += 1;
        const label = `${state.lang} ${scale * 100}% ${state.id}`;
        if (problems.length) {
          failed += 1;
          console.error(`FAIL  ${label}\n  ${problems.join('\n  ')}`);
        } else {
          console.log(`ok    ${label}`);
        }
      }
    }
  };
  const pages = [page];
  while (pages.length < WORKERS) pages.push(await phonePage(browser.context, VIEWPORT));
  await Promise.all(pages.map(worker));
} finally {
  await browser.close();
}
const kinds = manifest.states.reduce((n, s) => ({ ...n, [s.kind]: (n[s.kind] || 0) + 1 }), {});
console.log(`${checked} page loads checked (${kinds.state || 0} screen states and ${kinds.step || 0} guide steps, nb and nn, × ${SCALES.length} text sizes), ${failed} failed; screenshots in ${shotDir}`);
process.exit(failed ? 1 : 0);
