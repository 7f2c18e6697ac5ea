// One instance: a second launch of Etap while the window is open hands over to the
// running window (focused) and exits at once — it opens no window and no database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, el, openApp, root } from './app.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'etap-e2e-instance-'));
const otherDir = mkdtempSync(join(tmpdir(), 'etap-e2e-instance-second-'));
const binary = process.env.ETAP_BIN ?? join(root, 'target', 'debug', 'etap');
let browser;

/** The environment of the running window's process (its display and session bus). */
function windowEnvironment() {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (cmdline.includes('--data-dir') && cmdline.includes(dataDir)) {
      const env = {};
      for (const kv of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
        const i = kv.indexOf('=');
        if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
      }
      return env;
    }
  }
  throw new Error('the running window was not found');
}

describe('one instance', { concurrency: false }, () => {
  before(async () => {
    browser = await openApp(dataDir);
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  test('a second launch exits at once and the running window goes on', async () => {
    const env = windowEnvironment();
    assert.ok(env.DBUS_SESSION_BUS_ADDRESS, 'the window runs on a session bus');
    const second = spawn(binary, ['--data-dir', otherDir], { env, stdio: 'ignore' });
    const code = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        second.kill('SIGKILL');
        resolve('still running after 20 s: a second window was opened');
      }, 20000);
      second.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0);
    assert.equal(existsSync(join(otherDir, 'etap.sqlite')), false, 'the second launch opened no database');
    await click(browser, 'home');
    await el(browser, 'create-project').waitForDisplayed({ timeout: 10000 });
  });
});
