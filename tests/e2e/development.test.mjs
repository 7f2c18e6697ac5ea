// Issue 11, development 2.1–2.6 through the real window: the demo project is carried
// from 1.2 to 2.1 (offer accepted, ГОСТ ТЗ with three requirements priced by the
// estimate, a team), split into two stages with every requirement placed and the
// shares equal to the offer, the environment checklist, stage 1 to QA where a major
// bug sends it back, fixed, verified, accepted with a commit hash (then read-only),
// and stage 2 accepted after one defect round.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  click,
  el,
  openApp,
  openSection,
  screenshot,
  type,
  typeNth,
  waitCount,
  waitSaved,
  waitText,
  writeSection,
  linkEstimate,
} from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-dev-'));
let browser;

/** Takes action `kind` (with `comment` when the window asks for one) and waits for
 *  the step numbered `step`. */
async function act(kind, step, comment = '') {
  await click(browser, `action-${kind}`);
  if (comment) {
    await type(browser, 'comment', comment);
    await click(browser, 'comment-submit');
  }
  await waitText(browser, 'current-step', step);
}

/** The n-th element with `data-testid`. */
async function nth(testId, n) {
  const all = await browser.$$(`[data-testid="${testId}"]`);
  return all[n];
}

describe('development 2.1–2.6 through the real window', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the demo project reaches 2.1 with an approved ТЗ priced by its estimate', async () => {
    await waitText(browser, 'current-step', '1.2');
    await act('request_estimate', '1.3');
    await act('send_offer', '1.4');
    await act('accept_offer', '1.5');
    await click(browser, 'tab-specification');
    await click(browser, 'template-gost34_602');
    await waitText(browser, 'spec-missing', '4.2');
    for (const n of ['1', '2', '5', '7']) await writeSection(browser, n, `Содержание раздела ${n}.`);
    await openSection(browser, '4.2');
    const texts = ['Вход по номеру телефона', 'Клиент видит список своих заказов и счетов', 'Заказы передаются в 1С:УНФ'];
    const items = ['Вход по номеру телефона', 'Заказы и счета', 'Обмен с 1С:УНФ'];
    for (let i = 0; i < 3; i += 1) {
      await click(browser, 'add-requirement');
      await waitCount(browser, 'requirement', i + 1);
    }
    for (let i = 0; i < 3; i += 1) {
      await typeNth(browser, 'req-text', i, texts[i]);
      await linkEstimate(browser, i, items[i]);
    }
    await el(browser, 'section-title').click();
    await waitSaved(browser);
    await type(browser, 'approver', 'Иванов И. И.');
    await click(browser, 'approve-spec');
    await waitText(browser, 'spec-approved', 'Иванов И. И.');
    await act('approve_specification', '1.6');
    await type(browser, 'member-name', 'Анна Смирнова');
    await click(browser, 'member-add');
    await waitCount(browser, 'team-member', 1);
    await act('hand_over_to_team', '2.1');
  });

  test('2.1: two stages, every requirement placed, a reversed date refused, shares equal to the offer', async () => {
    // The 2.1 tab is the one shown at 2.1.
    await el(browser, 'panel-stage_planning').waitForDisplayed({ timeout: 10000 });
    for (const [i, t] of ['Вход и заказы', 'Обмен с 1С'].entries()) {
      await type(browser, 'stage-title', t);
      await click(browser, 'stage-add');
      await waitCount(browser, 'plan-stage', i + 1);
    }
    await waitText(browser, 'plan-unassigned', 'ТР-4.2.1, ТР-4.2.2, ТР-4.2.3');
    const place = async (req, value) => {
      await browser.$(`[data-req="${req}"] select`).selectByAttribute('value', value);
    };
    await place('ТР-4.2.1', '1');
    await place('ТР-4.2.2', '1');
    await place('ТР-4.2.3', '2');
    await waitText(browser, 'plan-unassigned', 'Все требования распределены');
    // 24 + 80 h at 3 000 ₽ for stage 1; 56 h for stage 2; together the offer.
    await waitText(browser, 'plan-shares', 'Сумма этапов совпадает с принятым КП: 480 000,00 ₽');
    await waitText(browser, 'plan-stage', 'по смете: 312 000,00 ₽');

    await typeNth(browser, 'plan-start', 0, '10.03.2027');
    await typeNth(browser, 'plan-end', 0, '01.03.2027');
    await (await nth('plan-title', 0)).click();
    await waitText(browser, 'plan-error', 'раньше его начала');
    assert.equal(await (await nth('plan-end', 0)).getValue(), '01.03.2027', 'the refused date stays on screen');
    await el(browser, 'workspace').scrollIntoView();
    await screenshot(browser, '20-dev-plan-refused', 'plan-error');
    await typeNth(browser, 'plan-end', 0, '31.03.2027');
    await (await nth('plan-title', 0)).click();
    await browser.waitUntil(async () => !(await el(browser, 'plan-error').isExisting()), { timeout: 10000 });
    await waitSaved(browser);
    await typeNth(browser, 'plan-start', 1, '01.04.2027');
    await typeNth(browser, 'plan-end', 1, '30.04.2027');
    await (await nth('plan-title', 1)).click();
    await waitSaved(browser);
    assert.equal(await el(browser, 'plan-date-check').isExisting(), false, 'every stage has its dates');
    await screenshot(browser, '21-dev-plan', 'plan-summary');
    await act('confirm_stage_plan', '2.2');
  });

  test('2.2: the environment checklist keeps only where a secret lives', async () => {
    await el(browser, 'panel-environment').waitForDisplayed({ timeout: 10000 });
    await el(browser, 'env-item').waitForDisplayed({ timeout: 10000 });
    await waitText(browser, 'environment', 'Сам секрет здесь не хранится');
    const secret = await nth('env-secret', 0);
    await secret.setValue('vault: etap/stage-server');
    await (await nth('env-title', 0)).click();
    await waitSaved(browser);
    const statuses = await browser.$$('[data-testid="env-status"]');
    for (const s of statuses) await s.selectByAttribute('value', 'done');
    await (await nth('env-title', 0)).click();
    await waitSaved(browser);
    // The project's git repository: a folder that is not one is refused in words and
    // stays typed; nothing is saved, so the code reference is checked by its form only.
    await type(browser, 'repo-folder', dataDir);
    await click(browser, 'repo-save');
    await waitText(browser, 'repo-error', 'не git-репозиторий');
    assert.equal(await el(browser, 'repo-folder').getValue(), dataDir);
    await el(browser, 'repository').scrollIntoView();
    await screenshot(browser, '22a-dev-repository-refused', 'repo-error');
    await el(browser, 'workspace').scrollIntoView();
    await screenshot(browser, '22-dev-environment', 'environment');
    await act('environment_ready', '2.3');
  });

  test('stage 1: work logged, a major bug sends it back, fixed, verified, accepted with a commit hash', async () => {
    await el(browser, 'panel-coding').waitForDisplayed({ timeout: 10000 });
    await type(browser, 'work-date', '11.03.2027');
    await el(browser, 'work-who').selectByAttribute('value', 'Анна Смирнова');
    await type(browser, 'work-hours', '300');
    await click(browser, 'work-add');
    await waitText(browser, 'work-error', '24');
    await type(browser, 'work-hours', '6');
    await type(browser, 'work-ref', 'feature/login');
    await click(browser, 'work-add');
    await waitCount(browser, 'work-entry', 1);
    await act('submit_to_testing', '2.4');

    await type(browser, 'bug-title', 'Код из SMS не приходит');
    await el(browser, 'bug-severity').selectByAttribute('value', 'major');
    await el(browser, 'bug-requirement').selectByAttribute('value', 'ТР-4.2.1');
    await click(browser, 'bug-add');
    await waitCount(browser, 'bug', 1);
    await el(browser, 'workspace').scrollIntoView();
    await screenshot(browser, '23-dev-stage-bug', 'bug');
    await act('report_bugs', '2.3', 'Код из SMS не приходит');
    await el(browser, 'bug-status').selectByAttribute('value', 'fixed');
    await browser.waitUntil(async () => (await el(browser, 'bug-status').getValue()) === 'fixed');
    await act('submit_to_testing', '2.4');
    await el(browser, 'bug-status').selectByAttribute('value', 'verified');
    await act('pass_testing', '2.5');
    await act('finish_adjustments', '2.6');

    for (const box of await browser.$$('[data-testid="accept-verified"]')) await box.click();
    await type(browser, 'accept-code', 'v1?');
    await type(browser, 'accept-by', 'Иванов И. И.');
    await waitText(browser, 'accept-error', 'v1?');
    await type(browser, 'accept-code', '4f2a9c1');
    await type(browser, 'accept-date', '31.03.2027');
    await el(browser, 'accept-by').click();
    await waitSaved(browser);
    await act('accept_stage', '2.3');
    await waitText(browser, 'stage', '2 из 2');
    await waitText(browser, 'tab-coding', 'Этап 2');

    // Stage 1 is frozen: shown read-only with its hours and rounds.
    await el(browser, 'stage-choose').selectByAttribute('value', '1');
    await waitText(browser, 'stage-frozen', 'Этап принят');
    await waitText(browser, 'stage-rounds', 'Раундов QA: 2');
    await waitText(browser, 'stage-hours', 'записано 6');
    assert.equal(await el(browser, 'accept-code').getValue(), '4f2a9c1');
    assert.equal(await el(browser, 'accept-code').isEnabled(), false);
    await el(browser, 'workspace').scrollIntoView();
    await screenshot(browser, '24-dev-stage1-frozen', 'stage-frozen');
  });

  test('stage 2 is accepted after one defect round', async () => {
    await el(browser, 'stage-choose').selectByAttribute('value', '2');
    await el(browser, 'work-form').waitForDisplayed({ timeout: 10000 });
    await type(browser, 'work-date', '02.04.2027');
    await el(browser, 'work-who').selectByAttribute('value', 'Анна Смирнова');
    await type(browser, 'work-hours', '8');
    await click(browser, 'work-add');
    await waitCount(browser, 'work-entry', 1);
    await act('submit_to_testing', '2.4');
    await act('pass_testing', '2.5');
    await type(browser, 'adj-what', 'Открыт порт 1С для тестовой среды');
    await el(browser, 'adj-who').selectByAttribute('value', 'Анна Смирнова');
    await type(browser, 'adj-date', '03.04.2027');
    await click(browser, 'adj-add');
    await waitCount(browser, 'adjustment', 1);
    await act('finish_adjustments', '2.6');
    // The manager finds a defect: the requirement is not verified, the note says why.
    await type(browser, 'accept-note', 'Заказы уходят в 1С без номера');
    await el(browser, 'accept-by').click();
    await waitSaved(browser);
    await act('report_defects', '2.3', 'Заказы уходят в 1С без номера');
    await act('submit_to_testing', '2.4');
    await act('pass_testing', '2.5');
    await act('finish_adjustments', '2.6');
    for (const box of await browser.$$('[data-testid="accept-verified"]')) await box.click();
    await type(browser, 'accept-code', 'v1.0.0');
    await type(browser, 'accept-date', '20.04.2027');
    await type(browser, 'accept-by', 'Иванов И. И.');
    await el(browser, 'accept-code').click();
    await waitSaved(browser);
    await waitText(browser, 'stage-rounds', 'раундов дефектов: 1');
    await el(browser, 'workspace').scrollIntoView();
    await screenshot(browser, '25-dev-stage2-acceptance', 'acceptance');
    await act('accept_stage', '3.1');
    // The plan from the lifecycle map: both stages accepted, so read-only.
    await click(browser, 'open-stage_planning');
    await waitCount(browser, 'plan-stage', 2);
    await el(browser, 'workspace').scrollIntoView();
    await screenshot(browser, '26-dev-plan-frozen', 'plan-summary');
    const disabled = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="plan-title"]')].map((e) => e.matches(':disabled')),
    );
    assert.deepEqual(disabled, [true, true]);
    await waitText(browser, 'panel-stage_planning', 'принят, код заморожен');
  });
});
