// Issue "Specification (ТЗ) authoring" through the real window: the ГОСТ 34.602-2020
// template, sections and three requirements written, approval, version 2 with one
// requirement changed, the diff shown, the PDF with the list of changes exported and
// the changed text found in it; search finds the text by another word form.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  click,
  el,
  openApp,
  openSection,
  screenshot,
  type,
  typeNth,
  waitCount,
  waitSaved,
  waitText,
  writeSection,
  linkEstimate,
} from './app.mjs';

/** Puts multi-line text into a field as a paste would (WebKitWebDriver's typing drops
 * line breaks), with the input event the page listens to. */
async function paste(browser, testId, text) {
  await el(browser, testId).waitForDisplayed({ timeout: 10000 });
  await browser.execute(
    (id, t) => {
      const field = document.querySelector(`[data-testid="${id}"]`);
      field.value = t;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    testId,
    text,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-spec-'));
let browser;

describe('specification authoring through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('ГОСТ 34.602-2020: sections, three requirements, approval', async () => {
    // The demo project opens on first run; its specification tab is one click away.
    await click(browser, 'open-specification');
    await click(browser, 'template-gost34_602');
    await waitCount(browser, 'outline-item', 14);
    await waitText(browser, 'spec-missing', '4.2 Требования к функциям');

    await writeSection(browser, '1', 'Система «Личный кабинет» для клиентов интернет-магазина.');
    await openSection(browser, '2');
    await paste(browser, 'section-body', 'Цель — сократить число звонков в поддержку.\n\n3. заказы\n   - поле `order_id`\n4. счета');
    await el(browser, 'section-title').click();
    await waitSaved(browser);
    // The preview draws what the core parsed: the author's numbers, the nested item
    // indented under its parent, code without its backticks.
    await waitText(browser, 'preview', '4)счета');
    const nested = await browser.execute(() => {
      const li = document.querySelector('[data-testid="preview"] li[data-level="1"]');
      return li ? [li.textContent, li.querySelector('code')?.textContent] : null;
    });
    assert.deepEqual(nested, ['•поле order_id', 'order_id']);
    await writeSection(browser, '5', 'Работы выполняются в **два этапа**.');
    await writeSection(browser, '7', 'Приёмка по программе и методике испытаний.');
    await openSection(browser, '4.2');
    for (let i = 0; i < 3; i += 1) {
      await click(browser, 'add-requirement');
      await waitCount(browser, 'requirement', i + 1);
    }
    await typeNth(browser, 'req-text', 0, 'Вход по номеру телефона');
    await typeNth(browser, 'req-text', 1, 'Клиент видит список своих заказов');
    await typeNth(browser, 'req-text', 2, 'Счета выгружаются в PDF');
    await typeNth(browser, 'req-acceptance', 1, 'Список открывается за 2 секунды');
    // ТР-4.2.1 is priced by the demo estimate's "Вход по номеру телефона".
    await linkEstimate(browser, 0, 'Вход по номеру телефона');
    await el(browser, 'section-title').click();
    await waitSaved(browser);
    await waitText(browser, 'requirements', 'ТР-4.2.3');
    assert.equal(await el(browser, 'spec-missing').isExisting(), false, 'every required section is filled');
    await el(browser, 'workspace').scrollIntoView();
    await screenshot(browser, '07-spec-editor', 'requirements');

    // A section added, nested under the one above, lifted back, deleted and restored.
    await click(browser, 'add-section');
    await waitCount(browser, 'outline-item', 15);
    await waitText(browser, 'workspace', '11 Новый раздел');
    await click(browser, 'indent');
    await waitText(browser, 'workspace', '10.1 Новый раздел');
    await click(browser, 'outdent');
    await waitText(browser, 'workspace', '11 Новый раздел');
    await click(browser, 'delete-section');
    await waitCount(browser, 'outline-item', 14);
    await click(browser, 'undo');
    await waitCount(browser, 'outline-item', 15);
    await openSection(browser, '11');
    await click(browser, 'delete-section');
    await waitCount(browser, 'outline-item', 14);

    // Approval saves what is pending first.
    await type(browser, 'approver', 'Иванов И. И.');
    await click(browser, 'approve-spec');
    await waitText(browser, 'spec-approved', 'Иванов И. И.');
  });

  test('version 2 changes one requirement; the diff and the PDF show it', async () => {
    await click(browser, 'new-version');
    await waitText(browser, 'spec-v2', 'черновик');
    await openSection(browser, '4.2');
    // Version 2 keeps the link to the estimate item.
    const linked = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="req-estimate"]')[0].querySelectorAll('[data-testid="req-estimate-chosen"]')].map(
        (c) => c.textContent,
      ),
    );
    assert.deepEqual(linked, ['Вход по номеру телефона']);
    await typeNth(browser, 'req-text', 1, 'Клиент видит список своих заказов с фильтром по дате');
    await el(browser, 'section-title').click();
    await waitSaved(browser);

    await el(browser, 'compare-from').selectByVisibleText('v1');
    await click(browser, 'compare');
    await waitText(browser, 'diff', 'ТР-4.2.2');
    await waitText(browser, 'diff', 'с фильтром по дате');
    assert.equal((await browser.$$('[data-testid="diff-change"]')).length, 1);
    await el(browser, 'diff').scrollIntoView();
    await screenshot(browser, '08-spec-diff', 'diff');

    await click(browser, 'export-spec');
    await el(browser, 'spec-export-path').waitForDisplayed({ timeout: 20000 });
    const pdf = await el(browser, 'spec-export-path').getText();
    assert.ok(existsSync(pdf));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, /ТЕХНИЧЕСКОЕ ЗАДАНИЕ/);
    assert.match(text, /с фильтром по дате/);
    assert.match(text, /Лист изменений/);
    // Empty sections say so by default; the user may leave them out instead.
    assert.match(text, /Не предъявляются\./);
    assert.match(text, /3\) заказы/);
    await el(browser, 'empty-sections').selectByAttribute('value', 'omit');
    await click(browser, 'export-spec');
    await browser.waitUntil(async () => (await el(browser, 'spec-export-path').getText()) !== pdf, {
      timeout: 20000,
      timeoutMsg: 'the second export never finished',
    });
    const lean = execFileSync('pdftotext', [await el(browser, 'spec-export-path').getText(), '-'], {
      encoding: 'utf8',
    });
    assert.doesNotMatch(lean, /Не предъявляются/);
    await waitText(browser, 'register', 'ТЗ-');
  });

  test('search finds the text by another word form, marked', async () => {
    await type(browser, 'search-input', 'заказов');
    await browser.keys('Enter');
    await el(browser, 'search-hits').waitForDisplayed({ timeout: 10000 });
    const marked = await browser.$$('[data-testid="search-hits"] mark').map((m) => m.getText());
    assert.ok(marked.some((m) => m.toLowerCase().startsWith('заказ')), marked.join(', '));
    await screenshot(browser, '09-search', 'search-hits');
  });
});
