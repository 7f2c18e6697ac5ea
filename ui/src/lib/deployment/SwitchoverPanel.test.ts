import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SwitchoverPanel from './SwitchoverPanel.svelte';
import { page } from '../ipc/fixtures';
import type { ActionOption, DbArchive, HistoryEntry, ProjectPage, Refusal } from '../ipc';

afterEach(() => clearMocks());

const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const noArchive: Refusal = {
  code: 'db_archive_missing',
  message: {
    ru: 'Перед переходом заархивируйте базу данных и запишите архив: что, где, когда и его SHA-256.',
    en: 'Archive the database before the switchover and record it.',
  },
};
const option = (kind: 'switch_over' | 'roll_back', blocked: typeof noArchive | null): ActionOption => ({
  kind,
  label: { ru: kind, en: kind },
  target: kind === 'switch_over' ? 'support_handover' : 'deployment',
  loop_kind: kind === 'roll_back' ? 'rollback' : null,
  needs_comment: kind === 'roll_back',
  blocked,
});
const rolledBack: HistoryEntry = {
  id: 40,
  at: '2026-12-20T21:30:00Z',
  action: { kind: 'roll_back' },
  from: 'switchover',
  to: 'deployment',
  round: 1,
  stage: 2,
  comment: 'Платёжный модуль не видит новую схему',
};
function at(blocked: typeof noArchive | null, rollbacks = 0): ProjectPage {
  return {
    ...page,
    project: { ...page.project, state: { ...page.project.state, step: 'switchover' } },
    history: rollbacks ? [rolledBack] : [],
    map: {
      ...page.map,
      options: [option('switch_over', blocked), option('roll_back', null)],
      loops: [
        {
          kind: 'rollback',
          name: { ru: 'Откат', en: 'Rollback' },
          from: 'switchover',
          to: 'deployment',
          arrow: '3.2 → 3.1',
          count: rollbacks,
          per_stage: [],
        },
      ],
    },
  };
}

/** A core that checks the checksum as the domain does and refuses a rollback without
 *  a reason. */
function core() {
  const db: { archives: DbArchive[]; advanced: unknown[] } = { archives: [], advanced: [] };
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'db_archives') return db.archives;
    if (cmd === 'record_db_archive') {
      const x = a.archive as DbArchive;
      if (!/^[0-9a-fA-F]{64}$/.test(x.sha256))
        throw {
          code: 'checksum_invalid',
          message: `Контрольная сумма SHA-256 — это 64 шестнадцатеричные цифры (0–9, a–f), как её печатает sha256sum; введено символов: ${x.sha256.length}.`,
        };
      db.archives.push({ ...x, sha256: x.sha256.toLowerCase() });
      return db.archives;
    }
    if (cmd === 'project_page') return at(null);
    if (cmd === 'advance') {
      if (a.action === 'roll_back' && !String(a.comment).trim())
        throw { code: 'reason_required', message: 'Опишите критическую проблему, из-за которой нужен откат.' };
      db.advanced.push(a);
      return page;
    }
    return null;
  });
  return db;
}

async function type(id: string, value: string) {
  await fireEvent.input(screen.getByTestId(id), { target: { value } });
}

describe('SwitchoverPanel (3.2)', () => {
  it('shows why the switchover waits, and refuses a malformed checksum keeping what was typed', async () => {
    const db = core();
    render(SwitchoverPanel, { projectId: 1, page: at(noArchive), onmove: () => {} });
    expect(await screen.findByTestId('switch-blocked')).toHaveTextContent('заархивируйте базу данных');
    expect(screen.getByTestId('switch-success')).toBeDisabled();
    await type('archive-what', 'PostgreSQL crm');
    await type('archive-location', '/backups/crm.dump');
    await type('archive-made-at', '20.12.2026');
    await type('archive-sha256', 'abc123');
    await fireEvent.click(screen.getByTestId('archive-record'));
    expect(await screen.findByTestId('archive-error')).toHaveTextContent('64 шестнадцатеричные цифры');
    expect(screen.getByTestId('archive-what')).toHaveValue('PostgreSQL crm');
    expect(screen.getByTestId('archive-sha256')).toHaveValue('abc123');
    expect(db.archives).toEqual([]);

    await type('archive-sha256', SHA.toUpperCase());
    await fireEvent.click(screen.getByTestId('archive-record'));
    expect(await screen.findByTestId('archive-row')).toHaveTextContent(SHA);
    expect(db.archives[0]).toMatchObject({ what: 'PostgreSQL crm', made_at: '2026-12-20' });
    expect(screen.queryByTestId('archive-error')).toBeNull();
  });

  it('records a rollback only with its reason and lists each one with the core’s count', async () => {
    const db = core();
    let moved = false;
    render(SwitchoverPanel, { projectId: 1, page: at(null, 1), onmove: () => (moved = true) });
    expect(await screen.findByTestId('rollback-count')).toHaveTextContent('Откатов: 1');
    expect(screen.getByTestId('rollback-row')).toHaveTextContent('Платёжный модуль не видит новую схему');
    await fireEvent.click(screen.getByTestId('switch-rollback'));
    await fireEvent.click(screen.getByTestId('rollback-confirm'));
    expect(await screen.findByTestId('switch-error')).toHaveTextContent('Опишите критическую проблему');
    expect(db.advanced).toEqual([]);
    await type('rollback-reason', 'Отчёты падают по таймауту');
    await fireEvent.click(screen.getByTestId('rollback-confirm'));
    await waitFor(() => expect(moved).toBe(true));
    expect(db.advanced).toEqual([{ id: 1, action: 'roll_back', comment: 'Отчёты падают по таймауту' }]);
  });
});
