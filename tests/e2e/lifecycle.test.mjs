// The foundation's walk through the real window: the demo project on first run; a new
// client and project advanced to 1.4, refused with a reason, back at 1.2 with the loop
// counted; then a restart that finds it all, in the language the user chose.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, fillEstimate, openApp, screenshot, type, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-'));
let browser;

describe('lifecycle through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('first run opens the demo project that already looped once', async () => {
    await click(browser, 'lang-en');
    await waitText(browser, 'project-title-heading', 'Личный кабинет клиента');
    await waitText(browser, 'current-step', '1.2 Clarification');
    assert.equal(await el(browser, 'loop-refusal').getAttribute('data-count'), '1');
    assert.equal(await el(browser, 'step-clarification').getAttribute('data-current'), 'true');
    await waitText(browser, 'visits-clarification', '×2');
    await waitText(browser, 'history', 'Дорого: бюджет клиента 350 000 ₽');
    await screenshot(browser, '01-demo-project', 'lifecycle-map');
    await click(browser, 'back');
    await waitText(browser, 'project-list', 'Личный кабинет клиента');
    // Beside it, the delivered demo project, closed.
    const rows = [];
    for (const r of await browser.$$('[data-testid="project-row"]')) rows.push(await r.getText());
    assert.equal(rows.length, 2);
    assert.match(rows.find((t) => t.includes('Личный кабинет клиента')), /1\.2 Clarification · round 2/);
    assert.match(rows.find((t) => t.includes('CRM для отдела продаж')), /Closed/);
    await screenshot(browser, '01b-demo-projects', 'project-list');
  });

  test('a new project is created, advanced, refused at 1.4 and back at 1.2', async () => {
    await click(browser, 'client-select');
    const select = el(browser, 'client-select');
    await select.selectByAttribute('value', '-1');
    await type(browser, 'client-name', 'ИП Петров');
    // An empty title is refused next to the field, and the client name is kept.
    await click(browser, 'create-submit');
    await waitText(browser, 'title-error', 'project title');
    await type(browser, 'project-title', 'Мобильное приложение');
    await click(browser, 'create-submit');
    await waitText(browser, 'project-title-heading', 'Мобильное приложение');
    await waitText(browser, 'current-step', '1.1 Client request');

    // The main action's words are visible on its button (the page's styles load after
    // app.css: a plain button rule once painted it white on white).
    const [fg, bg] = await browser.execute(() => {
      const s = getComputedStyle(document.querySelector('[data-testid="action-start_clarification"]'));
      return [s.color, s.backgroundColor];
    });
    assert.notEqual(fg, bg, `the main action is drawn ${fg} on ${bg}`);
    await click(browser, 'action-start_clarification');
    await waitText(browser, 'current-step', '1.2 Clarification');
    await click(browser, 'action-request_estimate');
    await waitText(browser, 'current-step', '1.3 Estimate');
    await fillEstimate(browser, [['Мобильное приложение', '100', '3000']]);
    await waitText(browser, 'estimate-total', 'RUB 300,000.00');
    await click(browser, 'action-send_offer');
    await waitText(browser, 'current-step', '1.4 Price and deadline agreement');

    await click(browser, 'action-refuse_offer');
    await click(browser, 'comment-submit');
    await waitText(browser, 'comment-error', "Give the client's reason");
    await type(browser, 'comment', 'Срок слишком длинный — нужен к марту');
    await click(browser, 'comment-submit');
    await waitText(browser, 'current-step', '1.2 Clarification');
    await waitText(browser, 'round', 'Negotiation round: 2');
    assert.equal(await el(browser, 'loop-refusal').getAttribute('data-count'), '1');
    await waitText(browser, 'visits-clarification', '×2');
    await waitText(browser, 'history', 'Срок слишком длинный — нужен к марту');

    await click(browser, 'rename');
    await type(browser, 'rename-input', 'Мобильное приложение «Ёлка»');
    await browser.keys('Enter');
    await waitText(browser, 'project-title-heading', 'Мобильное приложение «Ёлка»');
    await screenshot(browser, '02-refused-and-looped', 'lifecycle-map');

    await click(browser, 'lang-ru');
    await waitText(browser, 'current-step', '1.2 Уточнение требований');
  });

  test('after a restart everything is still there, in the chosen language', async () => {
    await browser.deleteSession();
    browser = await openApp(dataDir);
    await waitText(browser, 'project-list', 'Мобильное приложение «Ёлка»');
    const rows = await browser.$$('[data-testid="project-row"]');
    assert.equal(rows.length, 3, 'the new project and the two demo projects');
    const newest = await rows[0].getText();
    assert.match(newest, /ИП Петров/);
    assert.match(newest, /1\.2 Уточнение требований · раунд 2/);

    await rows[0].$('[data-testid="project-link"]').click();
    await waitText(browser, 'current-step', '1.2 Уточнение требований');
    assert.equal(await el(browser, 'loop-refusal').getAttribute('data-count'), '1');
    await waitText(browser, 'history', 'Срок слишком длинный — нужен к марту');
    const history = await browser.$$('[data-testid="history-row"]');
    assert.equal(history.length, 4);
    await click(browser, 'tab-estimate');
    await waitText(browser, 'estimate-total', '300 000,00 ₽');
    await screenshot(browser, '03-after-restart', 'lifecycle-map');
  });
});
