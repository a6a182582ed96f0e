// End-to-end check of a built roadbook site in headless Chromium.
//
//   node tests/e2e/site.js SITE_DIR [BASE_URL]
//
// Opens the site from file:// (and from BASE_URL when given, e.g. a running
// `roadbook serve`), uses the search box and a table sort, follows the
// version switcher, and fails on any console error or failed request.
// Needs playwright-core (NODE_PATH or RB_E2E_NODE) and Debian's chromium.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const modules = process.env.RB_E2E_NODE || '/tmp/roadbook-e2e/node_modules';
const { chromium } = require(path.join(modules, 'playwright-core'));

const siteDir = path.resolve(process.argv[2] || 'site');
const httpBase = process.argv[3] || null;
const problems = [];

function check(cond, message) {
  if (!cond) problems.push(message);
}

async function visit(page, url, label) {
  const errors = [];
  const failed = [];
  const onConsole = (m) => { if (m.type() === 'error') errors.push(m.text()); };
  const onError = (e) => errors.push(String(e));
  // serve's live-reload poll is cut short when the page navigates away:
  // that abort is by design, any other failure is not.
  const onFailed = (r) => {
    const why = (r.failure() && r.failure().errorText) || '';
    if (r.url().endsWith('/__roadbook/generation') && why.includes('ERR_ABORTED')) return;
    failed.push(`${r.url()} ${why}`);
  };
  const onResponse = (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failed.push(`${r.status()} ${r.url()}`); };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(150);
  return () => {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
    check(errors.length === 0, `${label}: console errors: ${errors.join(' | ')}`);
    check(failed.length === 0, `${label}: failed requests: ${failed.join(' | ')}`);
  };
}

async function scenario(page, base, mode) {
  const at = (rel) => (mode === 'file' ? pathToFileURL(path.join(siteDir, rel)).href : `${base.replace(/\/$/, '')}/${rel}`);

  // Search: type, see results, follow the first one.
  let done = await visit(page, at('index.html'), `${mode} dashboard`);
  await page.fill('#rb-search', 'customer 360');
  await page.waitForSelector('#rb-results a', { timeout: 5000 });
  const first = await page.textContent('#rb-results a');
  check(/Customer 360/.test(first || ''), `${mode}: search did not find Customer 360 (got ${first})`);
  await Promise.all([page.waitForNavigation(), page.click('#rb-results a')]);
  check(page.url().endsWith('initiatives/customer-360.html'), `${mode}: search result led to ${page.url()}`);
  done();

  // Sort: the initiatives list by status, then the first column descending.
  done = await visit(page, at('initiatives/index.html'), `${mode} initiatives`);
  const header = page.locator('main table thead th').first().locator('button.sort');
  await header.click();
  await header.click();
  const titles = await page.$$eval('main table tbody tr th', (ths) => ths.map((t) => t.textContent.trim().toLowerCase()));
  const sorted = [...titles].sort((a, b) => b.localeCompare(a));
  check(JSON.stringify(titles) === JSON.stringify(sorted), `${mode}: the table did not sort descending`);
  const state = await page.getAttribute('main table thead th', 'aria-sort');
  check(state === 'descending', `${mode}: aria-sort is ${state}`);
  done();

  // The RAID log: the drop-down filters narrow the table, together; a
  // heat-map cell leads to the row of its items.
  done = await visit(page, at('risks/index.html'), `${mode} risks`);
  const rows = () => page.$$eval('main table[data-filters] tbody tr', (trs) => trs.filter((r) => !r.hidden).map((r) => r.querySelector('th').textContent.trim()));
  const all = await rows();
  await page.selectOption('select[aria-label="Filter by type"]', 'issue');
  const issues = await rows();
  check(issues.length === 2 && all.length === 10, `${mode}: the type filter left ${issues.length} of ${all.length} rows`);
  await page.selectOption('select[aria-label="Filter by status"]', 'open');
  const openIssues = await rows();
  check(openIssues.length === 1 && /EDI partners/.test(openIssues[0]), `${mode}: type and status together left ${JSON.stringify(openIssues)}`);
  await page.selectOption('select[aria-label="Filter by type"]', '');
  await page.selectOption('select[aria-label="Filter by status"]', '');
  check((await rows()).length === 10, `${mode}: clearing the filters did not bring every row back`);
  await page.click('a.cell-link[data-probability="5"][data-impact="3"]');
  check(page.url().endsWith('#cell-5-3'), `${mode}: the heat-map cell led to ${page.url()}`);
  const cellItems = await page.$$eval('#cell-5-3 a', (as) => as.map((a) => a.textContent.trim()));
  check(cellItems.length === 2, `${mode}: cell 5 × 3 lists ${JSON.stringify(cellItems)}`);
  done();

  // Version switcher: from an item page to the same item in an archived version.
  done = await visit(page, at('initiatives/datacenter-exit.html'), `${mode} item`);
  const link = page.locator('nav.versions a', { hasText: '2026-Q2' });
  check((await link.count()) === 1, `${mode}: no 2026-Q2 in the version switcher`);
  await Promise.all([page.waitForNavigation(), link.click()]);
  check(/v\/2026-Q2\/initiatives\/datacenter-exit\.html$/.test(page.url()), `${mode}: switcher led to ${page.url()}`);
  check((await page.textContent('.archived')).includes('2026-Q2'), `${mode}: no archived banner`);
  // The archived page's switcher comes from the root's versions.js: every
  // version, landing on the same item.
  const newer = page.locator('nav.versions a', { hasText: '2026-Q3' });
  check((await newer.count()) === 1, `${mode}: the archived switcher has no 2026-Q3`);
  const current = await page.getAttribute('nav.versions a >> text=current', 'href');
  check(current === '../../../initiatives/datacenter-exit.html', `${mode}: archived switcher's current is ${current}`);
  await Promise.all([page.waitForNavigation(), newer.click()]);
  check(/v\/2026-Q3\/initiatives\/datacenter-exit\.html$/.test(page.url()), `${mode}: archived switcher led to ${page.url()}`);
  done();

  // The matrices. A grid scrolls in its own region with its first column
  // and its header row kept in view; on paper it is landscape and as wide
  // as the page at most.
  for (const rel of ['matrix.html', 'matrix-by-team.html', 'capability-matrix.html', 'kpi-matrix.html', 'trace.html']) {
    done = await visit(page, at(rel), `${mode} ${rel}`);
    done();
  }
  if (mode === 'file') {
    await page.setViewportSize({ width: 600, height: 500 });
    await page.goto(at('matrix.html'));
    const where = () => page.evaluate(() => {
      const wrap = document.querySelector('.grid-wrap').getBoundingClientRect();
      const row = document.querySelector('table.grid tbody th[scope="row"]').getBoundingClientRect();
      const col = document.querySelector('table.grid tr.cols th').getBoundingClientRect();
      return { rowLeft: row.left - wrap.left, colTop: col.top - wrap.top };
    });
    const before = await where();
    await page.evaluate(() => { const w = document.querySelector('.grid-wrap'); w.scrollLeft = 300; w.scrollTop = 300; });
    const after = await where();
    check(Math.abs(after.rowLeft - before.rowLeft) < 2, `matrix: the first column scrolled away (${JSON.stringify([before, after])})`);
    check(after.colTop < 2, `matrix: the header row scrolled away (${JSON.stringify([before, after])})`);
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const format of ['A4', 'Letter']) {
      const pdf = (await page.pdf({ format })).toString('latin1');
      const box = (pdf.match(/\/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)/) || []).slice(1).map(Number);
      check(box.length === 2 && box[0] > box[1], `matrix: prints ${format} portrait (${box})`);
    }
    // Landscape A4 less the margins, at 96 px an inch.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1047, height: 700 });
    const width = await page.evaluate(() => document.querySelector('table.grid').getBoundingClientRect().width);
    check(width <= 1047, `matrix: the printed grid is ${width} px wide, wider than the page`);
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // The brief on screen: every sentence whole (paper cuts lines to keep
  // one page, see brief-pages.js), and on a phone no wider than the screen.
  if (mode === 'file') {
    // Column headings too: "▲ am…" over a count says nothing.
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 720 });
      await page.goto(at('brief.html'));
      const cut = await page.evaluate(() => [...document.querySelectorAll('.line li, td, th')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent.slice(0, 60)));
      check(cut.length === 0, `brief: cut on a ${width} px screen: ${JSON.stringify(cut)}`);
    }
    // Phones narrow and common, and text enlarged as Android's settings do.
    for (const [width, font] of [[390, ''], [320, ''], [390, '19.5px']]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(at('brief.html'));
      if (font) await page.evaluate((f) => { document.documentElement.style.fontSize = f; }, font);
      const on = `on a ${width} px screen${font ? `, text at ${font}` : ''}`;
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= width, `brief: ${wide} px wide ${on}`);
      // No table scrolled sideways and no cell's text running out of it:
      // where a slipped date moved to is the point of the row, and a
      // reader on a phone must see it.
      const scrolled = await page.evaluate(() => [...document.querySelectorAll('table')]
        .filter((t) => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > window.innerWidth)
        .map((t) => `${t.className || 'table'} ${t.scrollWidth}/${t.clientWidth}`));
      check(scrolled.length === 0, `brief: tables scrolled sideways ${on}: ${JSON.stringify(scrolled)}`);
      const over = await page.evaluate(() => [...document.querySelectorAll('table td')]
        .filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent.slice(0, 40)));
      check(over.length === 0, `brief: cells running over ${on}: ${JSON.stringify(over)}`);
    }
    // A long word in a name (German compounds are common) wraps, not the page.
    await page.evaluate(() => document.querySelectorAll('table.rollup td:first-child, table.stack td:first-child')
      .forEach((td) => { td.textContent = 'Lieferzuverlässigkeitsverbesserungsprogrammziel erreichen'; }));
    const long = await page.evaluate(() => document.documentElement.scrollWidth);
    check(long <= 390, `brief: ${long} px wide on a 390 px screen with a long word in a name`);
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // A few more pages, with and without scripts' help.
  for (const rel of ['timeline.html', 'traceability.html', 'versions.html', 'brief.html', 'budget.html', 'initiatives/erp-s4-migration.html', 'v/2026-Q3/capacity.html']) {
    done = await visit(page, at(rel), `${mode} ${rel}`);
    done();
  }
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-e2e-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--proxy-server=http://127.0.0.1:9',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  try {
    await scenario(page, null, 'file');
    if (httpBase) await scenario(page, httpBase, 'http');
  } catch (e) {
    problems.push(`scenario failed: ${e && e.stack ? e.stack : e}`);
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(problems.map((p) => `e2e: ${p}`).join('\n'));
    process.exit(1);
  }
  console.log(`e2e: ok (${httpBase ? 'file:// and ' + httpBase : 'file://'})`);
})();
