import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import BackupsPage from './BackupsPage.svelte';
import type { BackupCopy, Backups } from '../ipc';
import { i18n } from '../i18n/i18n.svelte';

afterEach(() => clearMocks());

const note = {
  ru: 'Восстанавливается только база данных. Папка documents не меняется.',
  en: 'Only the database is restored. The documents folder is left as it is.',
};

const copy = (file: string, kind: BackupCopy['kind'], taken_at: string): BackupCopy => ({
  file,
  kind,
  taken_at,
  size: 81920,
  schema: 14,
});

/** A core that keeps the copies like storage does: a manual copy on top, the number
 *  kept refused outside 1–100, a restore that answers with the copy made before. */
function core() {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const db: Backups = {
    copies: [copy('etap-20261129-080000-daily-v14.sqlite', 'daily', '2026-11-29T08:00:00Z')],
    keep: 10,
    folder: '/data/backups',
    note,
  };
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === 'backups') return structuredClone(db);
    if (cmd === 'create_backup') {
      db.copies.unshift(copy('etap-20261130-100000-manual-v14.sqlite', 'manual', '2026-11-30T10:00:00Z'));
      return structuredClone(db);
    }
    if (cmd === 'set_backups_keep') {
      const keep = a.keep as number;
      if (keep < 1 || keep > 100)
        throw { code: 'backups_keep_invalid', message: 'Хранить можно от 1 до 100 копий.' };
      db.keep = keep;
      return structuredClone(db);
    }
    if (cmd === 'restore_backup') {
      const before = copy('etap-20261130-110000-before-restore-v14.sqlite', 'before_restore', '2026-11-30T11:00:00Z');
      db.copies.unshift(before);
      return { from: a.file, before, note };
    }
    if (cmd === 'app_info') return { lang: 'ru', version: '0', data_dir: '/data', start_project: null };
    return null;
  });
  return calls;
}

describe('BackupsPage', () => {
  it('lists the copies with date, kind and size and makes one on demand', async () => {
    i18n.lang = 'ru';
    core();
    render(BackupsPage, { back: () => {} });
    const rows = await screen.findAllByTestId('backup-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('ежедневная');
    expect(rows[0].textContent).toContain('80 КБ');
    expect(rows[0].textContent).toContain('2026');
    await fireEvent.click(screen.getByTestId('backups-create'));
    await waitFor(() => expect(screen.getAllByTestId('backup-row')).toHaveLength(2));
    expect(screen.getAllByTestId('backup-row')[0].textContent).toContain('вручную');
  });

  it('restores only after a confirmation that says what is not brought back', async () => {
    i18n.lang = 'ru';
    const calls = core();
    render(BackupsPage, { back: () => {} });
    await fireEvent.click(await screen.findByTestId('backup-restore'));
    const ask = screen.getByTestId('backup-confirm');
    expect(ask.textContent).toContain('Папка documents не меняется');
    await fireEvent.click(screen.getByTestId('backup-confirm-no'));
    expect(screen.queryByTestId('backup-confirm')).toBeNull();
    expect(calls.some((c) => c.cmd === 'restore_backup')).toBe(false);

    await fireEvent.click(screen.getByTestId('backup-restore'));
    await fireEvent.click(screen.getByTestId('backup-confirm-yes'));
    const done = await screen.findByTestId('backups-restored');
    expect(done.textContent).toContain('etap-20261129-080000-daily-v14.sqlite');
    expect(done.textContent).toContain('etap-20261130-110000-before-restore-v14.sqlite');
    expect(calls.find((c) => c.cmd === 'restore_backup')?.args).toEqual({
      file: 'etap-20261129-080000-daily-v14.sqlite',
    });
    // The list is read again: the copy made before the restore is in it.
    await waitFor(() => expect(screen.getAllByTestId('backup-row')).toHaveLength(2));
  });

  it('shows the core’s refusal of a number kept outside 1–100, then stores a good one', async () => {
    i18n.lang = 'ru';
    core();
    render(BackupsPage, { back: () => {} });
    const input = (await screen.findByTestId('backups-keep')) as HTMLInputElement;
    expect(input.value).toBe('10');
    await fireEvent.input(input, { target: { value: '0' } });
    await fireEvent.change(input);
    expect((await screen.findByTestId('error')).textContent).toContain('от 1 до 100');
    await fireEvent.input(input, { target: { value: '3' } });
    await fireEvent.change(input);
    await waitFor(() => expect(screen.queryByTestId('error')).toBeNull());
  });
});
