// The checks the app-screen browser test runs on one loaded page. Each returns a list of
// problems (strings naming the element); an empty list passes. They run in the page
// (page.evaluate), after axe-core has been injected by lib.mjs's seriousViolations (its
// accessible-name computation is used).

/** Every element a user can click or focus, visible ones only, with name and box. */
export async function clickables(page) {
  return page.evaluate(() => {
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';
    const out = [];
    window.axe.setup(document); // the virtual tree its name computation reads
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || (r.width === 0 && r.height === 0)) continue;
      const name = window.axe.commons.text.accessibleText(el).replace(/\s+/g, ' ').trim();
      const card = el.closest('[data-contact]');
      out.push({
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        name,
        width: r.width,
        height: r.height,
        top: r.top + window.scrollY,
        bottom: r.bottom + window.scrollY,
        inAcuteBar: !!el.closest('.acute-bar'),
        service: card ? card.getAttribute('data-contact') : null,
        html: el.outerHTML.slice(0, 120),
      });
    }
    window.axe.teardown();
    return out;
  });
}

/** A clickable's label must name the action; a call label also the service and the digits. */
export function labelProblems(items) {
  const problems = [];
  for (const c of items) {
    const words = c.name.match(/\p{L}{2,}/gu) || [];
    if (!c.name) problems.push(`no accessible name: ${c.html}`);
    else if (words.length < 1) problems.push(`name "${c.name}" has no word naming the action: ${c.html}`);
    if (c.href && c.href.startsWith('tel:')) {
      const digits = c.href.slice(4).replace(/[^0-9]/g, '');
      const nameDigits = c.name.replace(/[^0-9]/g, '');
      if (!digits || !nameDigits.includes(digits)) problems.push(`call label "${c.name}" does not say the digits ${digits}`);
      if (words.length < 2) problems.push(`call label "${c.name}" does not name both the action and the service`);
      if (c.service && !c.name.includes(c.service)) problems.push(`call label "${c.name}" does not name the service "${c.service}"`);
    }
  }
  return problems;
}

/** Every target at least 48×48 CSS px (WCAG 2.5.5 AAA size, the platforms' minimum). */
export function targetProblems(items, min = 48) {
  return items
    .filter((c) => c.width + 0.5 < min || c.height + 0.5 < min)
    .map((c) => `target ${c.width.toFixed(0)}×${c.height.toFixed(0)} px < ${min}×${min}: "${c.name}" ${c.html}`);
}

/** Nothing wider than the viewport: no horizontal scroll, no element past either edge. */
export async function overflowProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px > ${vw} px`);
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > vw + 1 || r.left < -1) problems.push(`<${el.tagName.toLowerCase()} class="${el.className}"> spans ${r.left.toFixed(0)}..${r.right.toFixed(0)} px, viewport ${vw} px: "${(el.textContent || '').trim().slice(0, 60)}"`);
      else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') problems.push(`<${el.tagName.toLowerCase()}> clips text sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return problems.slice(0, 10);
  });
}

/** The acute bar: a tel:112 target, in the first screen height (from the top of the page). */
export function acuteProblems(items, screenHeight) {
  const calls = items.filter((c) => c.inAcuteBar && c.href === 'tel:112');
  if (calls.length === 0) return ['no one-tap call to 112 in the acute bar'];
  const problems = [];
  for (const c of calls) {
    if (!/112/.test(c.name)) problems.push(`the 112 call's label "${c.name}" does not show 112`);
    if (c.bottom > screenHeight) problems.push(`the 112 call ends at ${c.bottom.toFixed(0)} px, below the first screen (${screenHeight} px)`);
  }
  return problems;
}

/** A keyboard user sees where they are: Tab focuses the first target and draws a ring. */
export async function focusProblems(page) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('Tab');
  const problem = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'Tab focuses nothing';
    const s = getComputedStyle(el);
    const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    return ring ? null : `no visible focus ring on ${el.outerHTML.slice(0, 80)}`;
  });
  return problem ? [problem] : [];
}
