// Parties through the real window: the provider profile is saved as typed; a
// client's doubtful ИНН is warned about next to the field, yet the card is saved and
// still there after a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, openApp, screenshot, type, waitSaved, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-parties-'));
let browser;

describe('parties through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the provider profile is saved as typed', async () => {
    await click(browser, 'open-provider');
    await type(browser, 'req-short_name', 'ИП Смирнова А. А.');
    await type(browser, 'req-inn', '500100732259');
    await type(browser, 'provider-rate', '2 750');
    await el(browser, 'req-short_name').click();
    await waitSaved(browser);
    assert.equal(await el(browser, 'warning-inn').isExisting(), false, 'a valid ИНН is not warned about');
    await click(browser, 'back');
  });

  test('a wrong ИНН is warned about beside the field and the card is still saved', async () => {
    // The demo project is open on first run; its client card is one click away.
    await click(browser, 'open-client');
    await type(browser, 'req-inn', '7707083894');
    await type(browser, 'req-bik', '044525225');
    await type(browser, 'req-account', '40702810938000000001');
    await el(browser, 'client-card-name').click();
    await waitText(browser, 'warning-inn', 'Контрольные цифры ИНН не сходятся');
    assert.equal(await el(browser, 'warning-account').isExisting(), false, 'the account matches the БИК');
    await screenshot(browser, '06-client-card', 'client-card');

    await browser.deleteSession();
    browser = await openApp(dataDir);
    await browser.$('a=Личный кабинет клиента').click();
    await click(browser, 'open-client');
    assert.equal(await el(browser, 'req-inn').getValue(), '7707083894');
    await waitText(browser, 'warning-inn', 'Контрольные цифры ИНН не сходятся');
    await click(browser, 'open-provider');
    assert.equal(await el(browser, 'provider-rate').getValue(), '2750');
  });
});
