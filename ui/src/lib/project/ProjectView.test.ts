import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ProjectView from './ProjectView.svelte';
import { map, page, summary } from '../ipc/fixtures';
import type { ProjectPage, Workspaces } from '../ipc';

afterEach(() => clearMocks());

const text = (ru: string) => ({ ru, en: ru });
const step = (s: 'request' | 'stage_planning' | 'deployment', number: string, current = false) => ({
  step: s,
  number,
  name: text(s),
  current,
  visits: current ? 1 : 0,
});

/** A page at 1.1 whose workspaces are whatever the core says. */
function at11(workspaces: Workspaces): ProjectPage {
  return {
    ...page,
    project: { ...summary, state: { step: 'request', round: 1, stage: 0, stages_total: 0, cancelled_from: null } },
    map: {
      ...map,
      phases: [
        { phase: 'preparation', name: text('1'), steps: [step('request', '1.1', true)] },
        { phase: 'development', name: text('2'), steps: [step('stage_planning', '2.1')] },
        { phase: 'deployment', name: text('3'), steps: [step('deployment', '3.1')] },
      ],
      options: [],
    },
    workspaces,
  };
}

function serve(p: ProjectPage) {
  mockIPC((cmd) => {
    if (cmd === 'project_page') return p;
    if (cmd.startsWith('list_') || cmd === 'issued_documents') return [];
    return null;
  });
}

describe('ProjectView', () => {
  it('shows the development tabs and opens 2.1 and 3.1 from the map when the core offers them', async () => {
    serve(at11({ preparation: true, development: true, deployment: true }));
    render(ProjectView, { id: 1 });
    expect(await screen.findByTestId('tab-stage_planning')).toBeInTheDocument();
    expect(screen.getByTestId('open-stage_planning')).toBeInTheDocument();
    expect(screen.getByTestId('open-deployment')).toBeInTheDocument();
  });

  it('offers neither when the core does not, whatever the page holds', async () => {
    serve({ ...at11({ preparation: true, development: false, deployment: false }), stages: [{ id: 1, number: 1, title: 'Каталог' }] });
    render(ProjectView, { id: 1 });
    expect(await screen.findByTestId('tab-request')).toBeInTheDocument();
    expect(screen.queryByTestId('tab-stage_planning')).toBeNull();
    expect(screen.queryByTestId('open-stage_planning')).toBeNull();
    expect(screen.queryByTestId('open-deployment')).toBeNull();
    expect(screen.getByTestId('open-request')).toBeInTheDocument();
  });
});
