// The project archive and the check at start through the real window: a document file
// a crash left unregistered is shown as a notice at start; an archive made by the CLI
// from another data folder is imported by the window's own command (the native open
// dialog cannot be driven, so the test calls what the button calls) and its projects
// appear on the dashboard; a damaged archive is refused in words, nothing imported.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, openApp, root, screenshot, waitText } from './app.mjs';

const binary = process.env.ETAP_BIN ?? join(root, 'target', 'debug', 'etap');
const source = mkdtempSync(join(tmpdir(), 'etap-e2e-archive-src-'));
const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-archive-'));
const archive = join(source, 'project-3.zip');
const damaged = join(source, 'damaged.zip');
let browser;

/** Calls a command of the core as the window's buttons do. */
function invoke(cmd, args) {
  return browser.execute(
    (cmd, args) =>
      window.__TAURI_INTERNALS__.invoke(cmd, args).then(
        (ok) => ({ ok }),
        (err) => ({ err }),
      ),
    cmd,
    args,
  );
}

describe('project archive through the real window', { concurrency: false }, () => {
  before(async () => {
    const etap = (dir, ...args) => execFileSync(binary, ['--data-dir', dir, ...args], { encoding: 'utf8' });
    // Three projects with issued ТЗ; the third (ТЗ-3-1, ТЗ-3-2) numbers nothing the
    // window's own demo projects (#1, #2) issue.
    etap(source, 'crash-writer', '--seed', '7', '--count', '3');
    etap(source, 'export-archive', '3', '--out', archive);
    const bytes = readFileSync(archive);
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 200));
    // A document file that a crash left written but not registered.
    mkdirSync(join(dataDir, 'documents'), { recursive: true });
    writeFileSync(join(dataDir, 'documents', 'ТЗ-9-9.pdf'), '%PDF-1.7 never registered');
    browser = await openApp(dataDir);
    await click(browser, 'lang-ru');
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(source, { recursive: true, force: true });
  });

  test('a file left unregistered by a crash is shown at start', async () => {
    await waitText(browser, 'register-notice', 'ТЗ-9-9.pdf лежит в папке документов, но в реестре его нет');
    await screenshot(browser, '60-register-notice', 'register-notice');
    await click(browser, 'register-notice-dismiss');
    assert.equal(await el(browser, 'register-notice').isExisting(), false);
  });

  test('a damaged archive is refused in words and an archive from another folder comes in', async () => {
    await click(browser, 'home');
    await el(browser, 'import-archive').waitForDisplayed({ timeout: 10000 });
    assert.ok(await el(browser, 'export-all').isExisting(), 'the dashboard offers the export of all data');
    const refused = await invoke('import_archive', { src: damaged });
    assert.equal(refused.err?.code, 'archive_unreadable', JSON.stringify(refused));
    assert.match(refused.err.message, /не читается как архив Этапа/);
    const done = await invoke('import_archive', { src: archive });
    assert.ok(done.ok, JSON.stringify(done));
    assert.deepEqual(
      done.ok.projects.map((p) => p.title),
      ['Проект m7-2'],
    );
    assert.equal(done.ok.documents, 2);
    // The dashboard lists it beside the demo's two projects.
    // (A reload opens the first-start project again; home is the dashboard.)
    await browser.refresh();
    await click(browser, 'home');
    await el(browser, 'project-list').waitForDisplayed({ timeout: 20000 });
    const titles = await browser.$$('[data-testid="project-link"]').map((e) => e.getText());
    assert.ok(titles.includes('Проект m7-2'), titles.join(' | '));
    assert.equal(titles.length, 3, titles.join(' | '));
    await screenshot(browser, '61-archive-imported', 'project-list');
  });

  test('the project page offers its archive', async () => {
    const links = await browser.$$('[data-testid="project-link"]');
    for (const link of links) {
      if ((await link.getText()) === 'Проект m7-2') {
        await link.click();
        break;
      }
    }
    await waitText(browser, 'project-title-heading', 'Проект m7-2');
    await waitText(browser, 'register', 'ТЗ-3-2');
    await el(browser, 'export-archive').waitForDisplayed({ timeout: 10000 });
    await el(browser, 'export-archive').scrollIntoView();
    await screenshot(browser, '62-project-archive', 'export-archive');
  });
});
