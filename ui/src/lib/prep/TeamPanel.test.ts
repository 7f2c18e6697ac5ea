import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import TeamPanel from './TeamPanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { FieldError, TeamCard, TeamMember } from '../ipc';

afterEach(() => clearMocks());

/** A core that keeps the team like the database does; `hold` makes a member's save
 *  wait until released, as a slow disk would. */
function core() {
  const db: TeamMember[] = [
    { id: 1, name: 'Анна', contact: '', devops: false, developer: true, tester: false },
    { id: 2, name: 'Борис', contact: '', devops: false, developer: true, tester: false },
  ];
  const held: (() => void)[] = [];
  const state = { hold: false };
  const card = (refused: FieldError[] = []): TeamCard => ({
    members: structuredClone(db),
    handover: { date: '', note: '' },
    warnings: [],
    refused,
  });
  mockIPC(async (cmd, args) => {
    if (cmd === 'team_card') return card();
    if (cmd === 'save_team_member') {
      const m = (args as { member: TeamMember }).member;
      if (state.hold) await new Promise<void>((r) => held.push(r));
      if (m.id === 0) {
        db.push({ ...m, id: db.length + 1 });
        return card();
      }
      const i = db.findIndex((x) => x.id === m.id);
      const refused: FieldError[] = [];
      if (!m.name.trim()) {
        refused.push({ row: null, field: 'name', message: { ru: 'Заполните поле «Имя участника команды»', en: 'Fill in the name' } });
        db[i] = { ...m, name: db[i].name };
      } else db[i] = { ...m };
      return card(refused);
    }
    return null;
  });
  return { db, held, state };
}

const boxes = (id: string) => screen.getAllByTestId(id) as HTMLInputElement[];

describe('TeamPanel', () => {
  // Issue 9: a role ticked in one row and, within 0.2 s, one in another row: the
  // second was reverted in the window and in the database.
  it('keeps quick ticks in two rows, on screen and in the database', async () => {
    const { db } = core();
    render(TeamPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('team-member');
    await fireEvent.click(boxes('team-devops')[0]);
    await fireEvent.click(boxes('team-tester')[1]);
    await fireEvent.focusOut(boxes('team-tester')[1]);
    await waitFor(() => expect(screen.getAllByTestId('save-status')[0]).toHaveAttribute('data-status', 'saved'));
    expect(db[0].devops).toBe(true);
    expect(db[1].tester).toBe(true);
    expect(boxes('team-devops')[0].checked).toBe(true);
    expect(boxes('team-tester')[1].checked).toBe(true);
  });

  it('an answer to an older save does not undo a tick made while it ran', async () => {
    const { db, held, state } = core();
    render(TeamPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('team-member');
    state.hold = true;
    await fireEvent.click(boxes('team-devops')[0]);
    await fireEvent.focusOut(boxes('team-devops')[0]);
    await waitFor(() => expect(held).toHaveLength(1));
    await fireEvent.click(boxes('team-tester')[1]);
    state.hold = false;
    held[0]();
    await waitFor(() => expect(db[1].tester).toBe(true));
    await waitFor(() => expect(screen.getAllByTestId('save-status')[0]).toHaveAttribute('data-status', 'saved'));
    expect(boxes('team-tester')[1].checked).toBe(true);
    expect(db[0].devops).toBe(true);
  });

  it('an emptied name does not hold back the roles, and the status says what is not saved', async () => {
    const { db } = core();
    i18n.lang = 'ru';
    render(TeamPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('team-member');
    const names = screen.getAllByTestId('team-member-name');
    await fireEvent.input(names[0], { target: { value: '' } });
    await fireEvent.click(boxes('team-tester')[0]);
    await fireEvent.click(boxes('team-devops')[1]);
    await fireEvent.focusOut(boxes('team-devops')[1]);
    const status = screen.getAllByTestId('save-status')[0];
    await waitFor(() => expect(status).toHaveTextContent('Сохранено, кроме 1 поля с ошибкой'));
    expect(db[0]).toMatchObject({ name: 'Анна', tester: true });
    expect(db[1].devops).toBe(true);
    expect((names[0] as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('team-member-error')).toHaveTextContent('Заполните поле');
  });

  it('the add form starts with the same roles after an add', async () => {
    core();
    render(TeamPanel, { projectId: 1, onchange: () => {} });
    const roles = async () =>
      Promise.all(['member-devops', 'member-developer', 'member-tester'].map(async (id) => ((await screen.findByTestId(id)) as HTMLInputElement).checked));
    const first = await roles();
    await fireEvent.input(screen.getByTestId('member-name'), { target: { value: 'Вера' } });
    await fireEvent.submit(screen.getByTestId('member-form'));
    await waitFor(async () => expect(screen.getByTestId('member-name')).toHaveValue(''));
    expect(await roles()).toEqual(first);
  });
});
