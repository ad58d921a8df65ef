// Drives the page at / and Swagger UI at /docs/ in Debian's Chromium (headless, through playwright-core from npm;
// no browser is downloaded) and prints what it saw as one JSON object, for BrowserPageTest to judge.
// Usage: node tools/check-page.js BASE_URL API_KEY IMAGE NOT_AN_IMAGE SCREENSHOT_DIR   (playwright-core on NODE_PATH)
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [base, key, image, notAnImage, shots] = process.argv.slice(2);
const seen = { csp: [], pageErrors: [] };

async function naturalSize(page, id) {
  await page.waitForFunction((which) => {
    const img = document.getElementById(which);
    return !img.hidden && img.complete && img.naturalWidth > 0;
  }, id);
  return page.locator('#' + id).evaluate((img) => ({ width: img.naturalWidth, height: img.naturalHeight,
    scheme: new URL(img.src).protocol }));
}

const rows = (page, selector) => page.locator(selector).evaluateAll((found) =>
  found.map((row) => Array.from(row.cells, (cell) => cell.textContent)));

async function thePage(page) {
  await page.goto(base + '/');
  await page.locator('#notice').waitFor({ state: 'visible' });
  seen.withoutKey = await page.locator('#notice').textContent();
  await page.screenshot({ path: path.join(shots, 'page-without-key.png'), fullPage: true });

  await page.fill('#key', key);
  await page.click('#key-form button');
  await page.locator('#catalog tbody tr').first().waitFor();
  await page.locator('#inboxes tbody tr').first().waitFor();
  seen.catalog = await page.locator('#catalog tbody tr td:first-child').allTextContents();
  seen.inboxes = await rows(page, '#inboxes tbody tr');
  seen.failures = await rows(page, '#failures tbody tr');
  seen.noticeHidden = await page.locator('#notice').isHidden();

  await page.selectOption('#flow', 'thumbnail');
  seen.thumbnailParameters = await page.locator('#params input, #params select')
    .evaluateAll((fields) => fields.map((field) => field.name));
  await page.setInputFiles('#file', image);
  await page.click('#run');
  seen.input = await naturalSize(page, 'input-image');
  seen.thumbnail = await naturalSize(page, 'result-image');
  seen.record = JSON.parse(await page.locator('#record').textContent());
  await page.screenshot({ path: path.join(shots, 'page-thumbnail.png'), fullPage: true });

  await page.setInputFiles('#file', notAnImage);
  await page.click('#run');
  await page.locator('#problem').waitFor({ state: 'visible' });
  seen.problem = await page.locator('#problem').textContent();
  await page.screenshot({ path: path.join(shots, 'page-problem.png'), fullPage: true });
}

async function theDocs(page) {
  // Same tab: the key typed on the page is in this tab's sessionStorage.
  await page.goto(base + '/docs/');
  await page.locator('.opblock').first().waitFor({ timeout: 30000 });
  seen.operations = await page.locator('.opblock-summary-path').evaluateAll((found) =>
    found.map((element) => element.getAttribute('data-path')));
  await page.screenshot({ path: path.join(shots, 'docs.png'), fullPage: true });

  const listFlows = page.locator('#operations-catalog-listFlows');
  await listFlows.locator('.opblock-summary').click();
  await listFlows.locator('button.try-out__btn').click();
  await listFlows.locator('button.execute').click();
  const status = listFlows.locator('.live-responses-table tr.response .response-col_status').first();
  await status.waitFor();
  seen.tryItOut = (await status.textContent()).trim();
  await page.screenshot({ path: path.join(shots, 'docs-try-it-out.png'), fullPage: true });
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Every violation as a console message, whether or not the browser logs one of its own.
    await context.addInitScript(() => document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Content Security Policy: ${event.effectiveDirective} refused ${event.blockedURI}`)));
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) {
        seen.csp.push(message.text());
      }
    });
    page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
    await thePage(page);
    await theDocs(page);
  } catch (error) {
    seen.failed = String(error && error.stack || error);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(seen));
})();
