// Every main screen of the window on the demo data (a project at 1.2 and a delivered,
// closed one), in the light and the dark theme, saved to be looked at:
// artifacts/e2e/screens/light-NN-name.png and dark-NN-name.png, the same NN for the
// same screen. Each picture is taken only once a rendered marker of its screen is in
// the DOM, and the marker's words are checked, so a screen that did not draw fails
// here instead of leaving a blank picture.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Key } from 'webdriverio';
import { artifacts, click, el, openApp, openSection, screenshot, waitText } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-screens-'));
const dir = join(artifacts, 'screens');
const OPEN = 'Личный кабинет клиента';
const CLOSED = 'CRM для отдела продаж';
let browser;

/** The window scrolled so the element's top is at the top of the view. */
async function toTop(testId) {
  const e = await el(browser, testId);
  await e.waitForDisplayed({ timeout: 10000 });
  await browser.execute((x) => x.scrollIntoView({ block: 'start' }), e);
}

/** Waits until the field's value contains `text` (typed text is not an element's text). */
async function waitValue(testId, text) {
  const e = el(browser, testId);
  await browser.waitUntil(async () => (await e.isExisting()) && (await e.getValue()).includes(text), {
    timeout: 10000,
    timeoutMsg: `${testId} never held "${text}"`,
  });
}

async function openProject(title) {
  await click(browser, 'home');
  await el(browser, 'project-list').waitForDisplayed({ timeout: 10000 });
  await (await browser.$(`a*=${title}`)).click();
  await waitText(browser, 'project-title-heading', title);
}

/** A step's tab, from the tab strip when it is shown, else from the lifecycle map. */
async function openStep(step) {
  const tab = el(browser, `tab-${step}`);
  if (await tab.isExisting()) await tab.click();
  else await click(browser, `open-${step}`);
  await el(browser, `panel-${step}`).waitForDisplayed({ timeout: 10000 });
}

/** Every main screen, numbered in one order for both themes. */
async function shoot(theme) {
  let n = 0;
  // `words`: text the marker shows, or [field, text] a field of the screen holds.
  const shot = async (name, marker, words) => {
    if (typeof words === 'string') await waitText(browser, marker, words);
    else if (words) await waitValue(...words);
    n += 1;
    await screenshot(browser, `screens/${theme}-${String(n).padStart(2, '0')}-${name}`, marker);
  };

  // The dashboard: «Эта неделя» above the list of projects.
  await click(browser, 'home');
  await waitText(browser, 'project-list', CLOSED);
  await browser.execute(() => window.scrollTo(0, 0));
  await shot('dashboard', 'week', 'Эта неделя');
  await toTop('project-list');
  await shot('dashboard-list', 'project-list', 'Проект закрыт');

  // A project's page: the lifecycle map and the actions, at 1.2 and when closed.
  await openProject(OPEN);
  await shot('map-preparation', 'lifecycle-map', '1.2');
  await openProject(CLOSED);
  await waitText(browser, 'current-step', 'Проект закрыт');
  await shot('map-closed', 'lifecycle-map', 'Откат к старой среде');

  // Preparation 1.1–1.4 on the project being prepared (a question asked, an offer
  // refused), 1.5–1.6 on the delivered one (an approved ТЗ, a team).
  await openProject(OPEN);
  for (const [step, marker, words] of [
    ['request', 'request-form', ['request-title', 'Личный кабинет']],
    ['clarification', 'question', ['question-text', 'интеграция с 1С']],
    ['estimate', 'estimate-total', '₽'],
    ['negotiation', 'offers', 'Дорого'],
  ]) {
    await openStep(step);
    await toTop('workspace');
    await shot(step, marker, words);
  }
  await openProject(CLOSED);
  // 1.5: the ТЗ editor with a section open and its preview.
  await openStep('specification');
  await el(browser, 'outline-item').waitForDisplayed({ timeout: 10000 });
  await openSection(browser, '1');
  await toTop('workspace');
  await shot('specification', 'preview');
  await el(browser, 'preview').scrollIntoView({ block: 'center' });
  await shot('specification-preview', 'preview');
  await openStep('team_handover');
  await toTop('workspace');
  await shot('team_handover', 'team-member', ['team-member-name', 'Анна Смирнова']);

  // Development 2.1, 2.2 and a stage's cycle 2.3–2.6 (stage 1: a bug, an adjustment).
  await openStep('stage_planning');
  await toTop('workspace');
  await shot('stage_planning', 'plan-summary');
  await openStep('environment');
  await toTop('workspace');
  await shot('environment', 'env-item', ['env-secret', 'KeePass']);
  await openStep('coding');
  await el(browser, 'stage-choose').selectByAttribute('value', '1');
  await waitText(browser, 'stage-frozen', 'Этап принят');
  await toTop('workspace');
  await shot('stage-work-log', 'work-log', 'feature/stage-1');
  await toTop('bug');
  await shot('stage-bugs', 'bug', 'Сделка не сохраняется без телефона');
  await toTop('adjustment');
  await shot('stage-adjustments', 'adjustment', 'Увеличен таймаут балансировщика');
  await toTop('acceptance');
  await shot('stage-acceptance', 'acceptance');

  // Deployment 3.1–3.3.
  for (const [step, marker, words] of [
    ['deployment', 'deploy-step', ['deploy-step-title', 'Перенести DNS на новую ВМ']],
    ['switchover', 'rollback-row', 'Отчёты падают по таймауту'],
    ['support_handover', 'support-member', ['support-name', 'Служба поддержки']],
  ]) {
    await openStep(step);
    await toTop('deployment-workspace');
    await shot(step, marker, words);
  }

  // The document register and the timeline of the delivered project.
  await toTop('register');
  await shot('register', 'register', 'Итоговый акт');
  // Each document number stands on one line (it has hyphens the browser could break at).
  const broken = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="register-number"]')]
      .filter((td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1;
      })
      .map((td) => td.textContent),
  );
  assert.deepEqual(broken, [], 'document numbers broken over lines');
  await toTop('timeline');
  await shot('timeline', 'timeline-svg');

  // The search page, found by another word form.
  await browser.execute(() => window.scrollTo(0, 0));
  const input = el(browser, 'search-input');
  await input.clearValue();
  await input.setValue('продажи');
  await browser.keys('Enter');
  await shot('search', 'search-hits');
  const hits = (await el(browser, 'search-hits').getText()).toLowerCase();
  assert.ok(hits.includes('продаж'), hits);

  // Settings, backups, the provider profile.
  await click(browser, 'open-settings');
  await shot('settings', 'settings-numbering', 'А-');
  await click(browser, 'open-backups');
  await shot('backups', 'backups-page');
  await click(browser, 'open-provider');
  await shot('provider', 'provider-card');

  // The command palette (Ctrl+K) over a project, and the shortcut list (?).
  await openProject(OPEN);
  await browser.keys([Key.Ctrl, 'k']);
  await el(browser, 'palette-input').waitForDisplayed({ timeout: 10000 });
  await browser.keys('1.');
  await shot('palette', 'palette', '1.3');
  await browser.keys('Escape');
  await el(browser, 'palette').waitForExist({ reverse: true, timeout: 10000 });
  await browser.keys('?');
  await shot('shortcuts', 'shortcuts', 'Горячие клавиши');
  await browser.keys('Escape');
  await el(browser, 'shortcuts').waitForExist({ reverse: true, timeout: 10000 });
  return n;
}

async function useTheme(theme) {
  await click(browser, `theme-${theme}`);
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === theme, {
    timeout: 10000,
    timeoutMsg: `the window never turned ${theme}`,
  });
}

describe('every main screen in both themes', { concurrency: false }, () => {
  before(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  let count = 0;
  test('light', async () => {
    await useTheme('light');
    count = await shoot('light');
  });

  test('dark, the same screens', async () => {
    await useTheme('dark');
    assert.equal(await shoot('dark'), count);
    const files = readdirSync(dir);
    for (const theme of ['light', 'dark']) {
      assert.equal(files.filter((f) => f.startsWith(`${theme}-`)).length, count, `${theme}: ${files.join(', ')}`);
    }
  });
});
