// Parties through the real window: the provider profile is saved as typed and its
// logo is printed in the commercial proposal; a file that is no image is refused in
// words; a client's doubtful ИНН is warned about next to the field, yet the card is
// saved and still there after a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, openApp, screenshot, type, waitSaved, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-parties-'));
const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEElEQVR4nGM4IacBRwzIHAByyghxJO3fWAAAAABJRU5ErkJggg==';
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

  test('the logo is refused unless it is an image, and then printed in the proposal', async () => {
    await click(browser, 'open-provider');
    const notImage = join(dataDir, 'logo.png');
    writeFileSync(notImage, 'this is not a picture');
    await el(browser, 'provider-logo-file').setValue(notImage);
    await waitText(browser, 'error', 'Логотип должен быть неповреждённым файлом PNG или JPEG');
    // A real 4 × 2 PNG.
    const logo = join(dataDir, 'logo-ok.png');
    writeFileSync(logo, Buffer.from(TINY_PNG, 'base64'));
    await el(browser, 'provider-logo-file').setValue(logo);
    await waitText(browser, 'provider-logo-status', 'Логотип загружен (PNG); он печатается в шапке коммерческого предложения');
    await screenshot(browser, '10-provider-logo', 'provider-logo-status');
    await click(browser, 'back');
    // The demo project's proposal now carries the logo.
    await click(browser, 'tab-negotiation');
    await click(browser, 'export-proposal');
    await el(browser, 'export-path').waitForDisplayed({ timeout: 20000 });
    const pdf = await el(browser, 'export-path').getText();
    assert.ok(existsSync(pdf), `${pdf} exists`);
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' });
    assert.match(images, /\bimage\s+4\s+2\b/, images);
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
    assert.equal(await el(browser, 'provider-rate').getValue(), '2\u00a0750', 'written the Russian way');
  });
});
