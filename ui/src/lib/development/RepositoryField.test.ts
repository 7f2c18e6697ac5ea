import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import RepositoryField from './RepositoryField.svelte';
import { i18n } from '../i18n/i18n.svelte';

afterEach(() => clearMocks());

describe('RepositoryField', () => {
  it('a folder the core refuses stays typed with its words; a repository is saved', async () => {
    let stored = '';
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      if (cmd === 'repository_refs') return { folder: stored, tags: [], commits: [], problem: null };
      if (cmd === 'set_repository') {
        const f = (a.folder as string).trim();
        if (f === '/tmp/plain') throw { code: 'repository_invalid', message: 'Папка «/tmp/plain» — не git-репозиторий.' };
        stored = f;
        return f;
      }
      return null;
    });
    i18n.lang = 'ru';
    render(RepositoryField, { projectId: 1 });
    expect(await screen.findByTestId('repo-status')).toHaveTextContent('Репозиторий не указан');
    const input = screen.getByTestId('repo-folder');
    await fireEvent.input(input, { target: { value: '/tmp/plain' } });
    await fireEvent.click(screen.getByTestId('repo-save'));
    expect(await screen.findByTestId('repo-error')).toHaveTextContent('не git-репозиторий');
    expect(input).toHaveValue('/tmp/plain');
    expect(stored).toBe('');
    await fireEvent.input(input, { target: { value: ' /home/anna/portal ' } });
    await fireEvent.click(screen.getByTestId('repo-save'));
    await waitFor(() => expect(screen.getByTestId('repo-status')).toHaveTextContent('Папка репозитория сохранена'));
    expect(stored).toBe('/home/anna/portal');
    expect(input).toHaveValue('/home/anna/portal');
    expect(screen.queryByTestId('repo-error')).toBeNull();
  });

  it('a folder named before that is gone is shown with the reason', async () => {
    mockIPC((cmd) =>
      cmd === 'repository_refs' ? { folder: '/gone', tags: [], commits: [], problem: { ru: 'нет', en: 'The folder “/gone” is not a git repository' } } : null,
    );
    i18n.lang = 'en';
    render(RepositoryField, { projectId: 1 });
    expect(await screen.findByTestId('repo-error')).toHaveTextContent('is not a git repository');
    expect(screen.getByTestId('repo-folder')).toHaveValue('/gone');
  });
});
