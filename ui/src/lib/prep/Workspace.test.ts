import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Workspace from './Workspace.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { map, page } from '../ipc/fixtures';
import type { ProjectPage, Step } from '../ipc';

// The core's numbering of every step the workspace has a tab for.
const numbered: ProjectPage = {
  ...page,
  map: {
    ...map,
    phases: [
      ['preparation', ['request', 'clarification', 'estimate', 'negotiation', 'specification', 'team_handover'], '1'],
      ['development', ['stage_planning', 'environment', 'coding', 'testing', 'dev_ops_adjustment', 'stage_acceptance'], '2'],
    ].map(([phase, steps, n]) => ({
      phase: phase as 'preparation',
      name: { ru: n as string, en: n as string },
      steps: (steps as Step[]).map((step, i) => ({
        step,
        number: `${n}.${i + 1}`,
        name: { ru: step, en: step },
        current: false,
        visits: 0,
      })),
    })),
  },
};

afterEach(() => clearMocks());

describe('Workspace', () => {
  it('shows the 2.x tabs once there is a plan, the stage tab named by the current stage, all reachable by the arrow keys', async () => {
    // Panels ask the core for their data; an empty answer is enough here.
    mockIPC((cmd) => (cmd === 'stage_plan' ? { stages: [], excluded: [] } : cmd === 'development_progress' ? { hours: [], rounds: [] } : []));
    i18n.lang = 'ru';
    render(Workspace, { projectId: 1, page: numbered, tab: 'coding', onchange: () => {}, development: true, stage: 2 });
    expect(screen.getByTestId('tab-stage_planning')).toHaveTextContent('2.1 Этапы');
    expect(screen.getByTestId('tab-environment')).toHaveTextContent('2.2 Среда');
    expect(screen.getByTestId('tab-coding')).toHaveTextContent('2.3–2.6 Этап 2');
    expect(screen.getByTestId('tab-coding')).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(screen.getByTestId('tab-coding'), { key: 'ArrowLeft' });
    expect(screen.getByTestId('tab-environment')).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(screen.getByTestId('tab-environment'));
  });

  it('has only the preparation tabs before the plan', () => {
    mockIPC(() => null);
    render(Workspace, { projectId: 1, page: numbered, tab: 'request', onchange: () => {} });
    expect(screen.queryByTestId('tab-stage_planning')).toBeNull();
    expect(screen.getAllByRole('tab')).toHaveLength(6);
  });
});
