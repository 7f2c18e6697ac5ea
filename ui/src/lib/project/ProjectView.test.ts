import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ProjectView from './ProjectView.svelte';
import { page, summary } from '../ipc/fixtures';
import type { ProjectPage } from '../ipc';

afterEach(() => clearMocks());

/** The page at 2.1 with one stage; whether the list may be edited is the core's answer. */
function at21(stagesEditable: boolean): ProjectPage {
  return {
    ...page,
    project: { ...summary, state: { step: 'stage_planning', round: 1, stage: 0, stages_total: 0, cancelled_from: null } },
    stages: [{ id: 1, number: 1, title: 'Каталог' }],
    stages_editable: stagesEditable,
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
  it('offers to add a stage when the core says the stage list is editable', async () => {
    serve(at21(true));
    render(ProjectView, { id: 1 });
    expect(await screen.findByTestId('stage-item')).toHaveTextContent('Каталог');
    expect(screen.getByTestId('stage-add')).toBeInTheDocument();
  });

  it('only shows the stages when the core says they may not be edited, whatever the step', async () => {
    serve(at21(false));
    render(ProjectView, { id: 1 });
    expect(await screen.findByTestId('stage-item')).toHaveTextContent('Каталог');
    expect(screen.queryByTestId('stage-add')).toBeNull();
  });
});
