// The installed package's binary (`./dev.sh deb-check` sets ETAP_BIN to it): on a
// fresh data folder it opens its window, makes the demo projects and draws the project
// list in the language the user picks. Not a `*.test.mjs`: the default E2E run builds
// no package and does not run it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, openApp, screenshot, waitCount, waitText } from './app.mjs';

assert.ok(process.env.ETAP_BIN, 'ETAP_BIN names the installed binary');
const dataDir = mkdtempSync(join(tmpdir(), 'etap-installed-'));
let browser;

describe(`the installed ${process.env.ETAP_BIN}`, { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens on a fresh data folder and draws the project list with the demo projects', async () => {
    assert.equal(await browser.getTitle(), 'Etap');
    await click(browser, 'home');
    await click(browser, 'lang-ru');
    await waitText(browser, 'project-list', '1.2 Уточнение требований');
    await waitCount(browser, 'project-row', 2);
    await waitText(browser, 'project-list', 'CRM');
    assert.ok(existsSync(join(dataDir, 'etap.sqlite')), 'its database is in the data folder it was given');
    await screenshot(browser, 'installed-project-list', 'project-list');
    await click(browser, 'lang-en');
    await waitText(browser, 'project-list', '1.2 Clarification');
    await screenshot(browser, 'installed-project-list-en', 'project-list');
  });
});
