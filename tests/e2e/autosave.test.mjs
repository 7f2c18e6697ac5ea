// Issue 9 through the real window: what a user types is never lost while the window
// says «Сохранено», and a long unbroken word never widens the page past the window.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, fillEstimate, openApp, screenshot, type, typeNth, waitSaved, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-autosave-'));
let browser;

// 200 characters with no place to break, as a pasted identifier or URL would be.
const longWord = 'Интеграция1С_'.repeat(16).slice(0, 200);

/** Whether the page fits the window: nothing to scroll sideways. */
async function fitsTheWindow() {
  return browser.execute(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
    // What sticks out, to name it when the check fails.
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 || e.scrollWidth > e.clientWidth + 1)
      .slice(-4)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}[${e.getAttribute('data-testid') ?? ''}] ${Math.round(e.getBoundingClientRect().right)}/${e.scrollWidth}/${e.clientWidth}`)
      .join(' '),
  }));
}

async function step(testId, text) {
  await click(browser, testId);
  await waitText(browser, 'current-step', text);
}

async function itemTitles() {
  return browser.$$('[data-testid="item-title"]').map((e) => e.getValue());
}

describe('autosave and layout through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
    await click(browser, 'back');
    await el(browser, 'create-project').waitForDisplayed({ timeout: 10000 });
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a 200-character word in a client and project title wraps inside the window', async () => {
    await el(browser, 'client-select').selectByAttribute('value', '-1');
    await type(browser, 'client-name', longWord);
    await type(browser, 'project-title', longWord);
    await click(browser, 'create-submit');
    await waitText(browser, 'current-step', '1.1 Запрос клиента');
    const project = await fitsTheWindow();
    assert.ok(project.page <= project.window, `project page ${project.page} px in a ${project.window} px window: ${project.wide}`);
    await click(browser, 'back');
    await waitText(browser, 'project-list', longWord.slice(0, 20));
    const dashboard = await fitsTheWindow();
    assert.ok(dashboard.page <= dashboard.window, `dashboard ${dashboard.page} px in a ${dashboard.window} px window: ${dashboard.wide}`);
    await screenshot(browser, 'autosave-01-long-word', 'project-list');
  });

  test('a mistyped figure does not hold back a title edit, and the status says so', async () => {
    await browser.$(`a*=${longWord.slice(0, 20)}`).click();
    await waitText(browser, 'current-step', '1.1 Запрос клиента');
    await type(browser, 'request-title', 'Кабинет дилера');
    await type(browser, 'request-description', 'Заказы, остатки и счета.');
    // Dates are written the interface language's way, whatever the system locale.
    assert.equal(await el(browser, 'request-deadline').getAttribute('placeholder'), 'ДД.ММ.ГГГГ');
    await type(browser, 'request-deadline', '31.05.2027');
    await el(browser, 'request-source').click();
    await waitSaved(browser);
    await screenshot(browser, 'autosave-03-request-form', 'request-form');
    await step('action-start_clarification', '1.2 Уточнение требований');

    // A question longer than a line is shown whole, in a field that grows.
    const question = 'Нужна ли двусторонняя интеграция с 1С:УНФ — заказы, остатки, цены и статусы оплаты, — и как часто обмениваться: раз в час, по событию или по кнопке менеджера? Кто отвечает за справочники и кто разрешает конфликты, если данные разошлись?';
    await type(browser, 'new-question', question);
    await click(browser, 'add-question');
    await el(browser, 'question-text').waitForDisplayed({ timeout: 10000 });
    const field = () =>
      browser.execute(() => {
        const t = document.querySelector('[data-testid="question-text"]');
        return { value: t.value, tag: t.tagName, hidden: t.scrollHeight - t.clientHeight };
      });
    assert.equal((await field()).tag, 'TEXTAREA');
    assert.equal((await field()).value, question);
    await browser.waitUntil(async () => (await field()).hidden <= 1, {
      timeout: 5000,
      timeoutMsg: 'part of the question stays hidden',
    });
    await screenshot(browser, 'autosave-04-question', 'question-text');
    await el(browser, 'question-status').selectByAttribute('value', 'deferred');
    await waitSaved(browser);
    await step('action-request_estimate', '1.3 Оценка');
    await fillEstimate(browser, [
      ['Дизайн', '10', '2500'],
      ['API', '4', '3000'],
    ]);

    await typeNth(browser, 'item-hours', 0, '1e309');
    await typeNth(browser, 'item-title', 1, 'API и интеграции');
    await el(browser, 'estimate-version').click();
    await browser.waitUntil(async () => (await el(browser, 'save-status').getAttribute('data-status')) === 'partial', {
      timeout: 10000,
      timeoutMsg: 'the status never said what was not saved',
    });
    await waitText(browser, 'save-status', 'Сохранено, кроме 1 поля с ошибкой');
    await waitText(browser, 'estimate-refused', '«1e309» — не число');
    assert.equal(await (await browser.$$('[data-testid="item-hours"]'))[0].getValue(), '1e309', 'the typed text stays');
    await screenshot(browser, 'autosave-02-estimate-partial', 'estimate-refused');

    // Another tab and back: the title edit was stored.
    await click(browser, 'tab-request');
    await click(browser, 'tab-estimate');
    await el(browser, 'estimate-items').waitForDisplayed({ timeout: 10000 });
    assert.deepEqual(await itemTitles(), ['Дизайн', 'API и интеграции']);
  });

  test('after a restart the title edit is still there', async () => {
    await browser.deleteSession();
    browser = await openApp(dataDir);
    await browser.$(`a*=${longWord.slice(0, 20)}`).click();
    await waitText(browser, 'current-step', '1.3 Оценка');
    await click(browser, 'tab-estimate');
    await el(browser, 'estimate-items').waitForDisplayed({ timeout: 10000 });
    assert.deepEqual(await itemTitles(), ['Дизайн', 'API и интеграции']);
    assert.equal(await (await browser.$$('[data-testid="item-hours"]'))[0].getValue(), '10', 'the stored hours stayed');
    await click(browser, 'tab-request');
    await browser.waitUntil(async () => (await el(browser, 'request-deadline').getValue()) === '31.05.2027', {
      timeout: 5000,
      timeoutMsg: 'the date did not come back as 31.05.2027',
    });
    await click(browser, 'lang-en');
    await browser.waitUntil(async () => (await el(browser, 'request-deadline').getValue()) === '31/05/2027', {
      timeout: 5000,
      timeoutMsg: 'the date did not follow the interface language',
    });
    await click(browser, 'lang-ru');
  });
});
