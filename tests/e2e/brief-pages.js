// The executive brief prints on one page: each BRIEF.html is printed by
// headless Chromium on A4 and on Letter, and the PDF's pages are counted.
//
//   node tests/e2e/brief-pages.js BRIEF.html [BRIEF.html ...]
//
// Needs playwright-core (RB_E2E_NODE) and Debian's chromium, as site.js.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const modules = process.env.RB_E2E_NODE || '/tmp/roadbook-e2e/node_modules';
const { chromium } = require(path.join(modules, 'playwright-core'));

// Chromium writes each page object uncompressed: `/Type /Page` (not
// `/Pages`, the tree's root).
function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

(async () => {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: brief-pages.js BRIEF.html...');
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-brief-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--proxy-server=http://127.0.0.1:9'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const problems = [];
  try {
    for (const file of files) {
      await page.goto(pathToFileURL(path.resolve(file)).href);
      for (const format of ['A4', 'Letter']) {
        const pdf = await page.pdf({ format, printBackground: true });
        const n = pageCount(pdf);
        console.log(`brief: ${file} on ${format}: ${n} page${n === 1 ? '' : 's'}`);
        if (process.env.RB_BRIEF_PDF) fs.writeFileSync(`${process.env.RB_BRIEF_PDF}-${format}.pdf`, pdf);
        if (n !== 1) problems.push(`${file} prints on ${n} ${format} pages, not 1`);
      }
    }
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(problems.map((p) => `brief: ${p}`).join('\n'));
    process.exit(1);
  }
})();
