import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Dashboard from './Dashboard.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { summary } from '../ipc/fixtures';

afterEach(() => clearMocks());

describe('Dashboard', () => {
  it('lists projects with the step the core named, in the chosen language', async () => {
    mockIPC((cmd) => (cmd === 'list_projects' ? [summary] : []));
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
    mockIPC(() => []);
    i18n.lang = 'en';
    render(Dashboard);
    expect(await screen.findByTestId('no-projects')).toHaveTextContent('No projects yet');
  });
});
