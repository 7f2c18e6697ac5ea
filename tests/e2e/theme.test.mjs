// The theme through the real window: the main screens in light and in dark, saved as
// screenshots (artifacts/e2e/theme-*.png) to be looked at; the ТЗ preview stays on
// white paper in the dark theme; the choice is the core's setting, so a restart opens
// in it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, openApp, openSection, screenshot, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-theme-'));
let browser;

/** Every visible button, field and list on screen that has no name a screen reader
 *  could say (a label, aria-label/-labelledby, a title, or a button's own text). */
const unlabeled = () =>
  browser.execute(() =>
    [...document.querySelectorAll('button, input:not([type="hidden"]), select, textarea, [role="tab"], [role="option"]')]
      .filter((e) => e.getClientRects().length > 0)
      .filter((e) => {
        const by = e.getAttribute('aria-labelledby');
        const named =
          e.getAttribute('aria-label')?.trim() ||
          (by && by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join('').trim()) ||
          [...(e.labels ?? [])].map((l) => l.textContent).join('').trim() ||
          e.getAttribute('title')?.trim() ||
          (e.tagName === 'BUTTON' || e.getAttribute('role') ? e.textContent.trim() : '');
        return !named;
      })
      .map((e) => e.outerHTML.slice(0, 160)),
  );

/** Takes the screenshot, after checking every control on screen is labelled. */
async function screen(name, marker) {
  await screenshot(browser, name, marker);
  assert.deepEqual(await unlabeled(), [], `unlabelled controls on ${name}`);
}

const background = (selector) =>
  browser.execute((s) => getComputedStyle(document.querySelector(s)).backgroundColor, selector);

/** Dashboard, a project at 1.2, the delivered project's ТЗ and register, the profile. */
async function shoot(theme) {
  await click(browser, 'home');
  await el(browser, 'project-list').waitForDisplayed({ timeout: 10000 });
  await screen(`theme-${theme}-1-dashboard`, 'project-list');

  await (await browser.$('a*=Личный кабинет клиента')).click();
  await waitText(browser, 'project-title-heading', 'Личный кабинет клиента');
  await screen(`theme-${theme}-2-project`, 'lifecycle-map');

  await click(browser, 'home');
  await (await browser.$('a*=CRM для отдела продаж')).click();
  await waitText(browser, 'project-title-heading', 'CRM для отдела продаж');
  await click(browser, 'tab-specification');
  await el(browser, 'outline-item').waitForDisplayed({ timeout: 10000 });
  await openSection(browser, '1');
  await el(browser, 'preview').waitForDisplayed({ timeout: 10000 });
  await el(browser, 'preview').scrollIntoView({ block: 'center' });
  await screen(`theme-${theme}-3-spec`, 'preview');
  assert.equal(await background('[data-testid="preview"]'), 'rgb(255, 255, 255)', 'the ТЗ preview is on white paper');

  await el(browser, 'register').scrollIntoView({ block: 'start' });
  await screen(`theme-${theme}-4-register`, 'register');

  await click(browser, 'open-provider');
  await screen(`theme-${theme}-5-provider`, 'provider-card');
}

describe('light and dark theme through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the main screens in the light theme', async () => {
    await click(browser, 'theme-light');
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === 'light');
    await shoot('light');
    assert.equal(await browser.execute(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(244, 246, 248)');
  });

  // After the light screens (the ТЗ preview is set in PT Serif): the faces come from
  // the core (`font://`), and a face refused by the CSP or not found would be `error`.
  test('the window is set in the shipped faces, served by the core', async () => {
    const faces = await browser.execute(async () => {
      await document.fonts.ready;
      return [...document.fonts].map((f) => `${f.family.replace(/["']/g, '')} ${f.weight} ${f.style}: ${f.status}`);
    });
    for (const face of ['PT Sans 400 normal', 'PT Sans 700 normal', 'PT Serif 400 normal'])
      assert.ok(faces.includes(`${face}: loaded`), `${face} is not loaded: ${faces.join('; ')}`);
    assert.deepEqual(
      faces.filter((f) => f.endsWith(': error')),
      [],
      'no face failed to load',
    );
  });

  test('the main screens in the dark theme, documents still on white', async () => {
    await click(browser, 'theme-dark');
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === 'dark');
    assert.equal(await browser.execute(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(20, 24, 29)');
    await shoot('dark');
  });

  test('the next start opens in the theme chosen', async () => {
    await browser.deleteSession();
    browser = await openApp(dataDir);
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === 'dark');
    assert.equal(await el(browser, 'theme-dark').getAttribute('aria-pressed'), 'true');
  });
});
