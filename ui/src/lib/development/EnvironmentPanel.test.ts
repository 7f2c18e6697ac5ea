import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import EnvironmentPanel from './EnvironmentPanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { ChecklistItem, TeamCard } from '../ipc';

afterEach(() => clearMocks());

const item = (id: number, title: string, credential = false): ChecklistItem => ({
  id,
  title,
  status: 'todo',
  owner: null,
  note: '',
  links: [],
  credential,
  secret_location: '',
});

/** A core that keeps the checklist; a text that looks like a secret is refused with
 *  the domain's words, as `check_item` does. */
function core() {
  const db: ChecklistItem[] = [item(1, 'Репозиторий'), item(2, 'Доступ к серверу', true)];
  const team: TeamCard = {
    members: [{ id: 7, name: 'Анна', contact: '', devops: true, developer: true, tester: true }],
    handover: { date: '', note: '' },
    warnings: [],
    refused: [],
  };
  mockIPC((cmd, args) => {
    if (cmd === 'environment') return structuredClone(db);
    if (cmd === 'team_card') return team;
    if (cmd === 'save_environment_item') {
      const i = (args as { item: ChecklistItem }).item;
      if (/^sk_[a-z0-9]{8,}/i.test(i.secret_location) || /password=/i.test(i.note))
        throw { code: 'secret_value', message: 'Похоже на сам секрет: храните здесь только, где он лежит.' };
      if (i.id === 0) db.push({ ...i, id: db.length + 1 });
      else db[db.findIndex((x) => x.id === i.id)] = i;
      return structuredClone(db);
    }
    return null;
  });
  return db;
}

describe('EnvironmentPanel', () => {
  it('says a credential item keeps only where the secret lives', async () => {
    core();
    i18n.lang = 'ru';
    render(EnvironmentPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('env-item');
    expect(screen.getAllByTestId('env-secret-hint')).toHaveLength(1);
    expect(screen.getByTestId('env-secret-hint')).toHaveTextContent('Сам секрет здесь не хранится');
  });

  it('a value that looks like a secret is refused and stays visible; status and owner of another item are kept', async () => {
    const db = core();
    i18n.lang = 'ru';
    render(EnvironmentPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('env-item');
    await fireEvent.change(screen.getAllByTestId('env-status')[0], { target: { value: 'done' } });
    await fireEvent.change(screen.getAllByTestId('env-owner')[0], { target: { value: '7' } });
    await fireEvent.input(screen.getByTestId('env-secret'), { target: { value: 'sk_live12345678' } });
    await fireEvent.focusOut(screen.getByTestId('env-secret'));
    await waitFor(() => expect(screen.getByTestId('env-error')).toHaveTextContent('Похоже на сам секрет'));
    await waitFor(() => expect(screen.getAllByTestId('save-status')[0]).toHaveTextContent('Сохранено, кроме 1 поля с ошибкой'));
    expect((screen.getByTestId('env-secret') as HTMLInputElement).value).toBe('sk_live12345678');
    expect(db[1].secret_location).toBe('');
    expect(db[0]).toMatchObject({ status: 'done', owner: 7 });
  });

  it('adds an item', async () => {
    const db = core();
    render(EnvironmentPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('env-item');
    await fireEvent.input(screen.getByTestId('env-new-title'), { target: { value: 'Резервные копии БД' } });
    await fireEvent.submit(screen.getByTestId('env-form'));
    await waitFor(() => expect(screen.getAllByTestId('env-item')).toHaveLength(3));
    expect(db[2].title).toBe('Резервные копии БД');
  });
});
