// The dashboard on the demo data through the real window: each project with its step,
// next action, loops and money; filters and sort answered by the core; "this week";
// the header search finding a project by its client; both languages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, openApp, screenshot, type, waitCount, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-dash-'));
let browser;

async function rowTexts() {
  const rows = [];
  for (const r of await browser.$$('[data-testid="project-row"]')) rows.push(await r.getText());
  return rows;
}

async function choose(testId, index) {
  const s = el(browser, testId);
  await s.waitForDisplayed({ timeout: 10000 });
  await s.selectByIndex(index);
}

describe('dashboard through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('every demo project shows its step, next action, loops and money; nothing due this week', async () => {
    // The first start opens the demo project in the system's language (English here).
    await click(browser, 'home');
    await click(browser, 'lang-ru');
    await waitText(browser, 'project-list', '1.2 Уточнение требований');
    await waitCount(browser, 'project-row', 2);
    const rows = await rowTexts();
    const open = rows.find((t) => t.includes('Личный кабинет клиента'));
    assert.match(open, /1\.2 Уточнение требований · раунд 2/);
    assert.match(open, /Отказ клиента: 1 раз/);
    assert.match(open, /Перейти к оценке/);
    const closed = rows.find((t) => t.includes('CRM'));
    assert.match(closed, /Принято: 300 000,00 ₽ Выставлено: 300 000,00 ₽/);
    assert.match(closed, /Откат к старой среде: 1 раз/);
    await waitText(browser, 'week', 'Эта неделя');
    await waitText(browser, 'week-empty', 'сроков нет');
    await screenshot(browser, 'dash-01-demo-ru', 'project-list');
  });

  test('filters and sort are answered by the core', async () => {
    await choose('filter-phase', 4); // closed
    await waitCount(browser, 'project-row', 1);
    assert.match((await rowTexts())[0], /CRM/);
    await choose('filter-phase', 0);
    await waitCount(browser, 'project-row', 2);
    await choose('sort', 2); // by name: «CRM…» before «Личный…»
    await browser.waitUntil(async () => (await rowTexts())[0].includes('CRM'), { timeout: 10000 });
    await click(browser, 'filter-overdue');
    await waitText(browser, 'no-match', 'Ни один проект не подходит');
    await screenshot(browser, 'dash-02-no-match', 'no-match');
    await click(browser, 'filter-reset');
    await waitCount(browser, 'project-row', 2);
    await el(browser, 'filter-text').setValue('кабинет');
    await waitCount(browser, 'project-row', 1);
    assert.match((await rowTexts())[0], /Личный кабинет клиента/);
    await click(browser, 'filter-clear');
    await waitCount(browser, 'project-row', 2);
  });

  test('the header search finds a project by its name, not only ТЗ text', async () => {
    const input = el(browser, 'search-input');
    await input.setValue('Личный кабинет');
    await browser.keys('Enter');
    await waitText(browser, 'search-projects', 'Личный кабинет клиента');
    await screenshot(browser, 'dash-03-search', 'search-projects');
    await click(browser, 'home');
  });

  test('in English the dashboard speaks English', async () => {
    await click(browser, 'lang-en');
    await waitText(browser, 'week', 'This week');
    await waitText(browser, 'project-list', '1.2 Clarification');
    await waitText(browser, 'project-list', 'Client refusal: 1 time');
    await screenshot(browser, 'dash-04-demo-en', 'project-list');
    await click(browser, 'lang-ru');
    await waitText(browser, 'week', 'Эта неделя');
  });

  test('the delivered demo project shows its stages on the timeline, planned against accepted', async () => {
    await click(browser, 'home');
    await waitText(browser, 'project-list', 'CRM');
    for (const link of await browser.$$('[data-testid="project-link"]')) {
      if ((await link.getText()).includes('CRM')) {
        await link.click();
        break;
      }
    }
    await el(browser, 'timeline-svg').waitForExist({ timeout: 10000 });
    assert.ok((await browser.$$('[data-testid="timeline-bar"]')).length >= 1);
    assert.ok((await browser.$$('[data-testid="timeline-accepted"]')).length >= 1);
    assert.ok((await browser.$$('[data-testid="timeline-marker"]')).length >= 10);
    await el(browser, 'timeline').scrollIntoView();
    await screenshot(browser, 'dash-05-timeline', 'timeline-svg');
  });

  test('settings: notifications switched off and on again, the estimate defaults and numbering shown', async () => {
    await click(browser, 'open-settings');
    await waitText(browser, 'settings-numbering', 'А-');
    const box = el(browser, 'settings-notifications');
    assert.equal(await box.isSelected(), true);
    await box.click();
    await waitText(browser, 'settings-saved', 'Сохранено');
    assert.equal(await box.isSelected(), false);
    await screenshot(browser, 'dash-06-settings', 'settings');
    await box.click();
    await browser.waitUntil(async () => await box.isSelected(), { timeout: 10000 });
    // The theme chosen here is the window's at once; a copy count out of range stays
    // typed with the core's words beside it, a good one is saved.
    await click(browser, 'settings-theme-dark');
    await browser.waitUntil(
      async () => (await browser.execute(() => document.documentElement.dataset.theme)) === 'dark',
      { timeout: 10000, timeoutMsg: 'the dark theme chosen in Settings was not drawn' },
    );
    await type(browser, 'settings-backups-keep', '500');
    await browser.keys('Tab');
    await waitText(browser, 'settings-keep-error', 'от 1 до 100');
    assert.equal(await el(browser, 'settings-backups-keep').getValue(), '500');
    await type(browser, 'settings-backups-keep', '7');
    await browser.keys('Tab');
    await waitText(browser, 'settings-keep-saved', 'Сохранено');
    await screenshot(browser, 'dash-07-settings-dark', 'settings-backups');
    await click(browser, 'settings-theme-light');
    await click(browser, 'open-backups');
    await browser.waitUntil(async () => (await el(browser, 'backups-keep').getValue()) === '7', {
      timeout: 10000,
      timeoutMsg: 'the backups page does not show the copies kept set in Settings',
    });
    await click(browser, 'back');
  });

  test('settings: the backup folder — a relative one refused in words and kept typed, a chosen one takes the copies', async () => {
    await click(browser, 'open-settings');
    await waitText(browser, 'settings-numbering', 'А-');
    const beside = join(dataDir, 'backups');
    assert.equal(await el(browser, 'settings-backup-folder').getText(), beside);
    await type(browser, 'settings-folder', 'копии');
    await click(browser, 'settings-folder-save');
    await waitText(browser, 'settings-folder-error', 'полный путь');
    assert.equal(await el(browser, 'settings-folder').getValue(), 'копии');
    // A folder that does not exist yet is made; the copies made so far move there.
    const before = readdirSync(beside).filter((f) => f.endsWith('.sqlite')).length;
    assert.ok(before >= 1, 'the first start took its daily copy');
    const chosen = join(dataDir, 'на другом диске');
    await type(browser, 'settings-folder', chosen);
    await browser.keys('Enter');
    await waitText(browser, 'settings-folder-done', `Перенесено копий: ${before}.`);
    assert.equal(await el(browser, 'settings-backup-folder').getText(), chosen);
    assert.equal(await browser.$('[data-testid="settings-folder-error"]').isExisting(), false);
    await screenshot(browser, 'dash-08-settings-folder', 'settings-backups');
    await click(browser, 'settings-backups-open');
    await waitText(browser, 'backups-folder', chosen);
    await click(browser, 'backups-create');
    await browser.waitUntil(
      async () => readdirSync(chosen).filter((f) => f.endsWith('.sqlite')).length === before + 1,
      { timeout: 10000, timeoutMsg: 'the copy made on the backups page is not in the chosen folder' },
    );
    assert.equal(readdirSync(beside).filter((f) => f.endsWith('.sqlite')).length, 0);
    await click(browser, 'back');
  });
});
