// Issue 13 through the real window: the ТЗ shown as its printed pages beside the editor.
// The demo project's ТЗ is written out to about 20 pages, the pages view switched on, a
// distinctive word typed into a section: it appears on the page under the cursor, and
// that page and the page count are the PDF's exported afterwards. Each redraw's time
// (from the end of the pause in typing to the page drawn) is logged to
// artifacts/e2e/pages-timing.txt; nothing here asserts a time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifacts, click, el, openApp, openSection, paste, screenshot, waitCount, waitSaved } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-pages-'));
let browser;

/** The pages view's state as the window shows it. */
function state() {
  return browser.execute(() => {
    const v = document.querySelector('[data-testid="pages-view"]');
    return {
      draws: Number(v?.dataset.draws ?? 0),
      ms: v?.dataset.drawMs === '' ? null : Number(v?.dataset.drawMs),
      count: Number(v?.dataset.count ?? 0),
      focus: v?.dataset.focus === '' ? null : Number(v?.dataset.focus),
    };
  });
}

/** The text drawn on page `n` of the view, whitespace removed. */
function pageText(n) {
  return browser.execute(
    (k) =>
      [...(document.querySelector(`[data-testid="page"][data-page="${k}"]`)?.querySelectorAll('text') ?? [])]
        .map((t) => t.textContent)
        .join('')
        .replace(/\s+/g, ''),
    n,
  );
}

/** Waits for a redraw after `before` draws whose page under the cursor shows `word`. */
async function waitDrawn(before, word) {
  let last;
  await browser.waitUntil(
    async () => {
      last = await state();
      return last.draws > before && last.focus !== null && (await pageText(last.focus)).includes(word);
    },
    { timeout: 30000, timeoutMsg: `the page under the cursor never showed ${word}` },
  );
  return last;
}

const paragraph =
  'Система обеспечивает учёт заявок клиентов, этапов разработки и выпускаемых документов; каждое изменение сохраняется с датой, временем и автором, а сводный отчёт формируется по запросу менеджера проекта в течение нескольких секунд. ';
const long = Array.from({ length: 12 }, () => paragraph.repeat(3)).join('\n\n');

describe('the pages view through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('typed text appears on its page; the pages are the exported PDF’s', async () => {
    await click(browser, 'open-specification');
    await click(browser, 'template-gost34_602');
    await waitCount(browser, 'outline-item', 14);
    // About 20 pages of text, as a real ТЗ has.
    for (const n of ['1', '2', '3', '4.1', '4.3', '5', '6']) {
      await openSection(browser, n);
      await paste(browser, 'section-body', long);
      await el(browser, 'section-title').click();
      await waitSaved(browser);
    }
    await openSection(browser, '4.1');
    await click(browser, 'show-pages');
    await browser.waitUntil(async () => (await state()).draws > 0, { timeout: 30000, timeoutMsg: 'no pages drawn' });

    // Typing at the end of section 4.1: each pause redraws the page under the cursor.
    const timings = [];
    let body = long;
    let s = await state();
    for (let i = 1; i <= 20; i += 1) {
      const word = `Ксилофон${i}`;
      body += `\n\n${word}`;
      await paste(browser, 'section-body', body);
      s = await waitDrawn(s.draws, word);
      timings.push(s.ms);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(
      join(artifacts, 'pages-timing.txt'),
      `pages view, ${s.count}-page ТЗ, ${timings.length} edits at the end of section 4.1\n` +
        `end of the pause (debounce fired) → page under the cursor drawn, ms: ${timings.join(' ')}\n` +
        `median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms\n`,
    );
    assert.ok(s.count >= 15, `${s.count} pages`);
    const focus = s.focus;
    await el(browser, 'section-title').click();
    await waitSaved(browser);

    // The PDF exported now has the view's pages and the word on the same page.
    await click(browser, 'export-spec');
    await el(browser, 'spec-export-path').waitForDisplayed({ timeout: 30000 });
    const pdf = await el(browser, 'spec-export-path').getText();
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    assert.equal(Number(/Pages:\s+(\d+)/.exec(info)[1]), s.count);
    const printed = execFileSync('pdftotext', ['-f', String(focus), '-l', String(focus), pdf, '-'], { encoding: 'utf8' });
    assert.match(printed, /Ксилофон20/);
    assert.equal((await pageText(focus)).includes('Ксилофон20'), true);

    // The page as the window draws it, beside the PDF's page rendered by pdftoppm.
    await browser.execute((n) => {
      const scroll = document.querySelector('[data-testid="pages-scroll"]');
      const page = scroll.querySelector(`[data-page="${n}"]`);
      page.scrollIntoView({ block: 'start' });
    }, focus);
    await screenshot(browser, 'pages-view', 'pages-view');
    execFileSync('pdftoppm', ['-f', String(focus), '-l', String(focus), '-r', '60', '-png', '-singlefile', pdf, join(artifacts, 'pages-pdf')]);
  });
});
