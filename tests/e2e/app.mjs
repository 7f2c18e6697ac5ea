// Drives the real Etap window through tauri-driver (WebDriver) and saves screenshots.
// The driver, Xvfb and the built binary are provided by the test command (dev.sh).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const artifacts = join(root, 'artifacts', 'e2e');
const binary = process.env.ETAP_BIN ?? join(root, 'target', 'debug', 'etap');

/** Opens the app on `dataDir` and waits until its first page is drawn. */
export async function openApp(dataDir) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: Number(process.env.TAURI_DRIVER_PORT ?? 4444),
    logLevel: 'warn',
    capabilities: {
      'tauri:options': { application: binary, args: ['--data-dir', dataDir] },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  await browser.setTimeout({ implicit: 0 });
  await el(browser, 'home').waitForExist({ timeout: 20000 });
  return browser;
}

/** The element with `data-testid`. */
export function el(browser, testId) {
  return browser.$(`[data-testid="${testId}"]`);
}

/** Waits for the element, then clicks it. */
export async function click(browser, testId) {
  const e = el(browser, testId);
  await e.waitForClickable({ timeout: 10000 });
  await e.click();
}

/** Replaces the text of an input or textarea. */
export async function type(browser, testId, text) {
  const e = el(browser, testId);
  await e.waitForDisplayed({ timeout: 10000 });
  await e.clearValue();
  if (text) await e.setValue(text);
}

/** Waits until the element's text contains `text`. */
export async function waitText(browser, testId, text, timeout = 10000) {
  const e = el(browser, testId);
  await browser.waitUntil(async () => (await e.isExisting()) && (await e.getText()).includes(text), {
    timeout,
    timeoutMsg: `${testId} never showed "${text}"`,
  });
}

/** Saves a screenshot of the window after the marker is drawn. */
export async function screenshot(browser, name, markerTestId) {
  mkdirSync(artifacts, { recursive: true });
  if (markerTestId) await el(browser, markerTestId).waitForDisplayed({ timeout: 10000 });
  // Let WebKit paint the new DOM before capturing (the DOM can be ahead of the pixels).
  await browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await browser.saveScreenshot(join(artifacts, `${name}.png`));
}

/** Puts multi-line text into a field as a paste would (WebKitWebDriver's typing drops
 * line breaks), with the input event the page listens to; the cursor ends after it. */
export async function paste(browser, testId, text) {
  await el(browser, testId).waitForDisplayed({ timeout: 10000 });
  await browser.execute(
    (id, t) => {
      const field = document.querySelector(`[data-testid="${id}"]`);
      field.value = t;
      field.setSelectionRange(t.length, t.length);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    testId,
    text,
  );
}

/** Types into the n-th (0-based) element with `data-testid`. */
export async function typeNth(browser, testId, n, text) {
  const all = await browser.$$(`[data-testid="${testId}"]`);
  const e = all[n];
  await e.waitForDisplayed({ timeout: 10000 });
  await e.clearValue();
  if (text) await e.setValue(text);
}

/** Waits until the autosave of the visible panel reports "saved". */
export async function waitSaved(browser) {
  await browser.waitUntil(
    async () => {
      const states = await browser.$$('[data-testid="save-status"]').map((e) => e.getAttribute('data-status'));
      return states.length > 0 && states.every((s) => s === 'saved' || s === 'idle');
    },
    { timeout: 10000, timeoutMsg: 'autosave never finished' },
  );
}

/** Adds work items to the estimate on the 1.3 tab: [title, hours, rate]. */
export async function fillEstimate(browser, items) {
  await click(browser, 'tab-estimate');
  await el(browser, 'estimate-items').waitForDisplayed({ timeout: 10000 });
  const start = (await browser.$$('[data-testid="estimate-item"]')).length;
  for (const [i, [title, hours, rate]] of items.entries()) {
    await click(browser, 'add-item');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="estimate-item"]')).length === start + i + 1);
    await typeNth(browser, 'item-title', start + i, title);
    await typeNth(browser, 'item-hours', start + i, hours);
    await typeNth(browser, 'item-rate', start + i, rate);
  }
  // Leave the table so the last field's change is flushed, then wait for the save.
  await el(browser, 'estimate-version').click();
  await waitSaved(browser);
}

/** Waits until exactly `n` elements with `data-testid` exist. */
export async function waitCount(browser, testId, n, timeout = 10000) {
  await browser.waitUntil(async () => (await browser.$$(`[data-testid="${testId}"]`)).length === n, {
    timeout,
    timeoutMsg: `expected ${n} × ${testId}`,
  });
}

/** Selects the section numbered `number` in the specification outline. */
export async function openSection(browser, number) {
  const items = await browser.$$('[data-testid="outline-item"]');
  for (const it of items) {
    if ((await it.getText()).startsWith(`${number} `)) {
      await it.click();
      return;
    }
  }
  throw new Error(`no section ${number} in the outline`);
}

/** Writes `text` into the body of the section numbered `number` and waits for the save. */
export async function writeSection(browser, number, text) {
  await openSection(browser, number);
  await type(browser, 'section-body', text);
  await el(browser, 'section-title').click();
  await waitSaved(browser);
}

/** 2.1 on the plan tab: each stage's dates and, where given, its price typed as the
 *  manager types them ([start, end, price?] per stage, in plan order); waits for the save. */
export async function planStages(browser, stages) {
  await el(browser, 'plan-summary').waitForDisplayed({ timeout: 10000 });
  for (const [i, [start, end, price]] of stages.entries()) {
    await typeNth(browser, 'plan-start', i, start);
    await typeNth(browser, 'plan-end', i, end);
    if (price) await typeNth(browser, 'plan-price', i, price);
    await (await browser.$$('[data-testid="plan-title"]'))[i].click();
    await waitSaved(browser);
  }
}

/** 2.2 on the environment tab: every credential item says where its secret lives and
 *  every item is done; waits for the save. */
export async function settleEnvironment(browser) {
  await el(browser, 'env-item').waitForDisplayed({ timeout: 10000 });
  for (const secret of await browser.$$('[data-testid="env-secret"]')) {
    await secret.clearValue();
    await secret.setValue('vault: etap/stage-server');
  }
  const title = (await browser.$$('[data-testid="env-title"]'))[0];
  await title.click();
  await waitSaved(browser);
  for (const s of await browser.$$('[data-testid="env-status"]')) await s.selectByAttribute('value', 'done');
  await title.click();
  await waitSaved(browser);
}

/** 2.6 on the acceptance form: every requirement verified, the code reference, the
 *  date and who accepted; waits for the save. */
export async function acceptStage(browser, code, date, by) {
  for (const box of await browser.$$('[data-testid="accept-verified"]')) {
    if (!(await box.isSelected())) await box.click();
  }
  await type(browser, 'accept-code', code);
  await type(browser, 'accept-date', date);
  await type(browser, 'accept-by', by);
  await el(browser, 'accept-code').click();
  await waitSaved(browser);
}

/** Takes action `kind` (typing `comment` when the window asks for one) and waits for
 *  the step whose number starts with `step`. */
export async function act(browser, kind, step, comment = '') {
  await click(browser, `action-${kind}`);
  if (comment) {
    await type(browser, 'comment', comment);
    await click(browser, 'comment-submit');
  }
  await waitText(browser, 'current-step', step);
}

/** 3.2: records the database archive made before the switchover. */
export async function recordArchive(browser, what, sha) {
  await type(browser, 'archive-what', what);
  await type(browser, 'archive-location', '/backups/crm.dump');
  await type(browser, 'archive-made-at', '20.12.2026');
  await type(browser, 'archive-sha256', sha);
  await click(browser, 'archive-record');
}

/** From the home page: a new client and project taken through preparation (one
 *  estimate item of 100 h × 3 000 ₽, the freelancer ТЗ approved, a team of one who
 *  develops, deploys and tests) to 2.1 with the stages `titles` added. With
 *  `refuse`, the client refuses the first offer (the refusal loop) with that reason;
 *  `requirements` are added to section 2 of the ТЗ. */
export async function reachStagePlanning(browser, { client, title, titles, refuse = '', requirements = [] }) {
  await el(browser, 'client-select').selectByAttribute('value', '-1');
  await type(browser, 'client-name', client);
  await type(browser, 'project-title', title);
  await click(browser, 'create-submit');
  await waitText(browser, 'current-step', '1.1 Запрос клиента');
  await act(browser, 'start_clarification', '1.2 Уточнение требований');
  await act(browser, 'request_estimate', '1.3 Оценка');
  await fillEstimate(browser, [['CRM', '100', '3000']]);
  await act(browser, 'send_offer', '1.4 Согласование цены и сроков');
  if (refuse) {
    await act(browser, 'refuse_offer', '1.2', refuse);
    await act(browser, 'request_estimate', '1.3');
    await act(browser, 'send_offer', '1.4');
  }
  await act(browser, 'accept_offer', '1.5 Окончательное ТЗ');
  await click(browser, 'tab-specification');
  await click(browser, 'template-freelancer');
  await el(browser, 'spec-missing').waitForDisplayed({ timeout: 10000 });
  for (const n of ['1', '2', '4', '5']) await writeSection(browser, n, `Содержание раздела ${n}.`);
  if (requirements.length > 0) {
    // Requirements of section 2 «Функции», each priced by the one estimate item.
    await openSection(browser, '2');
    for (const [i, text] of requirements.entries()) {
      await click(browser, 'add-requirement');
      await waitCount(browser, 'requirement', i + 1);
      await typeNth(browser, 'req-text', i, text);
      await linkEstimate(browser, i, 'CRM');
    }
    await el(browser, 'section-title').click();
    await waitSaved(browser);
  }
  await type(browser, 'approver', 'Анна Смирнова');
  await click(browser, 'approve-spec');
  await waitText(browser, 'spec-approved', 'Анна Смирнова');
  await act(browser, 'approve_specification', '1.6 Передача ТЗ команде');
  await type(browser, 'member-name', 'Анна Смирнова');
  await type(browser, 'member-contact', 'anna@example.ru');
  for (const role of ['member-developer', 'member-devops', 'member-tester']) {
    if (!(await el(browser, role).isSelected())) await click(browser, role);
  }
  await click(browser, 'member-add');
  await waitCount(browser, 'team-member', 1);
  await waitSaved(browser);
  await act(browser, 'hand_over_to_team', '2.1 Разбиение на этапы');
  for (const [i, t] of titles.entries()) {
    await type(browser, 'stage-title', t);
    await click(browser, 'stage-add');
    await waitCount(browser, 'plan-stage', i + 1);
  }
}

/** Links the `n`-th requirement of the open section to the estimate item `title`:
 *  opens its list of items, ticks the item, closes the list. */
export async function linkEstimate(browser, n, title) {
  const links = (await browser.$$('[data-testid="req-estimate"]'))[n];
  await links.scrollIntoView({ block: 'center' });
  const summary = await links.$('summary');
  if ((await links.getAttribute('open')) === null) await summary.click();
  await (await links.$(`label*=${title}`)).click();
  await summary.click();
  await browser.waitUntil(
    async () =>
      (await links.$$('[data-testid="req-estimate-chosen"]').map((c) => c.getText())).some((t) => t.includes(title)),
    { timeout: 10000, timeoutMsg: `requirement ${n + 1} was not linked to «${title}»` },
  );
}
