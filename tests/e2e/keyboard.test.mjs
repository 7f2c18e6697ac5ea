// The keyboard through the real window: Ctrl+K opens the command palette, which jumps
// to a project and to a tab, runs an action the core allows, and closes with Esc; `?`
// shows the shortcut list. Nothing here is clicked with the mouse after the start.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Key } from 'webdriverio';
import { click, el, openApp, screenshot, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-keys-'));
let browser;

/** Opens the palette with Ctrl+K and types `what` into it. */
async function palette(what) {
  await browser.keys([Key.Ctrl, 'k']);
  const input = el(browser, 'palette-input');
  await input.waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await input.isFocused()), { timeoutMsg: 'the palette field has no focus' });
  if (what) await browser.keys(what);
}

/** Waits until the palette's first option reads `label`, then presses Enter. */
async function runFirst(label) {
  await browser.waitUntil(
    async () => {
      const first = await browser.$('#palette-opt-0 .label');
      return (await first.isExisting()) && (await first.getText()) === label;
    },
    { timeout: 10000, timeoutMsg: `the palette never offered "${label}" first` },
  );
  await browser.keys('Enter');
  await el(browser, 'palette').waitForExist({ reverse: true, timeout: 10000 });
}

describe('keyboard and command palette through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
    await click(browser, 'home');
    await el(browser, 'project-list').waitForDisplayed({ timeout: 10000 });
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('Ctrl+K jumps to a project by its name', async () => {
    await palette('кабинет');
    await screenshot(browser, 'keyboard-01-palette', 'palette');
    await runFirst('Личный кабинет клиента');
    await waitText(browser, 'project-title-heading', 'Личный кабинет клиента');
    await waitText(browser, 'current-step', '1.2');
  });

  test('the palette jumps to a tab and leaves the focus on it', async () => {
    await palette('1.6');
    await runFirst('1.6 Передача ТЗ команде');
    assert.equal(await el(browser, 'tab-team_handover').getAttribute('aria-selected'), 'true');
    assert.equal(await el(browser, 'tab-team_handover').isFocused(), true);
    await screenshot(browser, 'keyboard-03-tab-focused', 'tab-team_handover');
    // The arrows move on from there, as on any tab strip.
    await browser.keys('ArrowLeft');
    await browser.waitUntil(async () => (await el(browser, 'tab-specification').getAttribute('aria-selected')) === 'true');
  });

  test('the palette runs an action the core allows now', async () => {
    await palette('перейти к оценке');
    await runFirst('Перейти к оценке');
    await waitText(browser, 'current-step', '1.3');
  });

  test('Esc closes the palette without doing anything; ? shows the shortcuts', async () => {
    await palette('');
    await browser.keys('Escape');
    await el(browser, 'palette').waitForExist({ reverse: true, timeout: 10000 });
    await waitText(browser, 'current-step', '1.3');

    await browser.keys('?');
    await waitText(browser, 'shortcuts', 'Горячие клавиши');
    await screenshot(browser, 'keyboard-02-shortcuts', 'shortcuts');
    await browser.keys('Escape');
    await el(browser, 'shortcuts').waitForExist({ reverse: true, timeout: 10000 });
  });
});
