import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Dashboard from './Dashboard.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { summary } from '../ipc/fixtures';

afterEach(() => clearMocks());

describe('Dashboard', () => {
  it('lists projects with the step the core named, in the chosen language', async () => {
    mockIPC((cmd) => (cmd === 'projects_page' ? { items: [summary], total: 1 } : []));
    i18n.lang = 'ru';
    render(Dashboard);
    expect(await screen.findByText('Личный кабинет клиента')).toBeInTheDocument();
    const step = screen.getByTestId('project-step');
    expect(step).toHaveTextContent('1.2 Уточнение требований');
    expect(step).toHaveTextContent('раунд 2');
    i18n.lang = 'en';
    await Promise.resolve();
    expect(await screen.findByText(/1\.2 Clarification/)).toBeInTheDocument();
  });

  it('says so when there is no project yet', async () => {
    mockIPC((cmd) => (cmd === 'projects_page' ? { items: [], total: 0 } : []));
    i18n.lang = 'en';
    render(Dashboard);
    expect(await screen.findByTestId('no-projects')).toHaveTextContent('No projects yet');
  });

  it('shows a page of projects and the rest when asked, each once', async () => {
    const all = Array.from({ length: 60 }, (_, i) => ({ ...summary, id: i + 1, title: `Проект ${i + 1}` }));
    const asked: { offset: number; limit: number }[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'projects_page') return [];
      const { offset, limit } = args as { offset: number; limit: number };
      asked.push({ offset, limit });
      return { items: all.slice(offset, offset + limit), total: all.length };
    });
    i18n.lang = 'en';
    render(Dashboard);
    expect(await screen.findByText('Проект 1')).toBeInTheDocument();
    expect(screen.getAllByTestId('project-row')).toHaveLength(50);
    expect(screen.getByTestId('project-count')).toHaveTextContent('Showing 50 of 60');
    await fireEvent.click(screen.getByTestId('projects-more'));
    expect(await screen.findByText('Проект 60')).toBeInTheDocument();
    expect(screen.getAllByTestId('project-row')).toHaveLength(60);
    expect(screen.queryByTestId('projects-more')).toBeNull();
    expect(asked).toEqual([
      { offset: 0, limit: 50 },
      { offset: 50, limit: 50 },
    ]);
  });
});
