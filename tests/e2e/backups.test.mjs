// Backups through the real window: a copy made with «Создать копию», a project added
// after it, then «Восстановить» with its confirmation — the project list is the one
// of the copy again, and the copy made before the restore is listed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, openApp, screenshot, type, waitCount, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-backups-'));
let browser;

async function createProject(client, title) {
  await el(browser, 'create-project').waitForDisplayed({ timeout: 10000 });
  await el(browser, 'client-select').selectByAttribute('value', '-1');
  await type(browser, 'client-name', client);
  await type(browser, 'project-title', title);
  await click(browser, 'create-submit');
  await waitText(browser, 'current-step', '1.1 Запрос клиента');
  await click(browser, 'back');
  await waitText(browser, 'project-list', title);
}

describe('backups through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
    await click(browser, 'back');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a copy is made, the data changed, the copy restored: the old data is back', async () => {
    await createProject('ООО «До копии»', 'Проект до копии');

    await click(browser, 'open-backups');
    // The day's first start already kept a daily copy.
    await waitCount(browser, 'backup-row', 1);
    await click(browser, 'backups-create');
    await waitCount(browser, 'backup-row', 2);
    const manual = browser.$('[data-testid="backup-row"][data-file*="-manual-"]');
    assert.match(await manual.getText(), /вручную/);
    await screenshot(browser, 'backups-01-list', 'backups-list');
    await click(browser, 'back');

    await createProject('ООО «После копии»', 'Проект после копии');

    await click(browser, 'open-backups');
    await waitCount(browser, 'backup-row', 2);
    await manual.$('[data-testid="backup-restore"]').click();
    await waitText(browser, 'backup-confirm', 'Папка documents не меняется');
    await screenshot(browser, 'backups-02-confirm', 'backup-confirm');
    await click(browser, 'backup-confirm-yes');
    await waitText(browser, 'backups-restored', 'База восстановлена из копии');
    await waitCount(browser, 'backup-row', 3);
    assert.match(await browser.$('[data-testid="backup-row"]').getText(), /перед восстановлением/);
    await screenshot(browser, 'backups-03-restored', 'backups-restored');

    await click(browser, 'back');
    await waitText(browser, 'project-list', 'Проект до копии');
    const list = await el(browser, 'project-list').getText();
    assert.ok(!list.includes('Проект после копии'), list);
  });
});
