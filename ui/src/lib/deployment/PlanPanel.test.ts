import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlanPanel from './PlanPanel.svelte';
import { page } from '../ipc/fixtures';
import type { ActionOption, DeploymentPlan, ProjectPage, TeamCard } from '../ipc';

afterEach(() => clearMocks());

const team: TeamCard = {
  members: [
    { id: 1, name: 'Анна', contact: '', devops: true, developer: false, tester: false },
    { id: 2, name: 'Борис', contact: '', devops: false, developer: true, tester: false },
    { id: 9, name: 'Вера', contact: '', devops: true, developer: false, tester: false },
  ],
  handover: { date: '', note: '' },
  warnings: [],
  refused: [],
};

/** A core that stores the plan like storage does: a planned date that is not a date
 *  refuses the whole save with `date_invalid`. */
function core() {
  const db: { plan: DeploymentPlan | null; advanced: unknown[]; teamIds: number[] } = {
    plan: null,
    advanced: [],
    teamIds: [1, 2, 9],
  };
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'deployment_plan') return db.plan;
    if (cmd === 'team_card')
      return { ...team, members: team.members.filter((m) => db.teamIds.includes(m.id)) };
    if (cmd === 'save_deployment_plan') {
      const p = a.plan as DeploymentPlan;
      if (p.planned_on && !/^\d{4}-\d{2}-\d{2}$/.test(p.planned_on))
        throw { code: 'date_invalid', message: `«${p.planned_on}» — не дата: дата внедрения пишется как ГГГГ-ММ-ДД.` };
      if (p.checklist.some((i) => i.owner !== null && !db.teamIds.includes(i.owner)))
        throw { code: 'owner_unknown', message: 'Ответственный должен быть из команды проекта (вкладка 1.6).' };
      db.plan = structuredClone(p);
      return db.plan;
    }
    if (cmd === 'advance') {
      db.advanced.push(a);
      return page;
    }
    return null;
  });
  return db;
}

const fixOption: ActionOption = {
  kind: 'start_fix_stage',
  label: { ru: 'Открыть этап исправлений', en: 'Start a fix stage' },
  target: 'coding',
  loop_kind: 'fix_stage',
  needs_comment: true,
  blocked: null,
};
const at = (options: ActionOption[]): ProjectPage => ({ ...page, map: { ...page.map, options } });

describe('PlanPanel (3.1)', () => {
  it('offers the 1.6 team as responsible and stores the plan with its checklist', async () => {
    const db = core();
    render(PlanPanel, { projectId: 1, page: at([]), onchange: () => {}, onmove: () => {} });
    const who = (await screen.findByTestId('deploy-responsible')) as HTMLSelectElement;
    expect([...who.options].map((o) => o.textContent)).toEqual(['— не выбран —', 'Анна', 'Борис', 'Вера']);
    await fireEvent.change(who, { target: { value: 'Анна' } });
    await fireEvent.input(screen.getByTestId('deploy-description'), { target: { value: 'VPS у клиента, Debian 12' } });
    await fireEvent.click(screen.getByTestId('deploy-add-step'));
    await fireEvent.input(screen.getByTestId('deploy-step-title'), { target: { value: 'Настроить nginx' } });
    await fireEvent.change(screen.getByTestId('deploy-step-status'), { target: { value: 'done' } });
    await fireEvent.focusOut(screen.getByTestId('deploy-step-status'));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveAttribute('data-status', 'saved'));
    expect(db.plan?.responsible).toBe('Анна');
    expect(db.plan?.description).toBe('VPS у клиента, Debian 12');
    expect(db.plan?.checklist.map((i) => [i.title, i.status])).toEqual([['Настроить nginx', 'done']]);
  });

  it('keeps a date the core refuses on screen with its words and stores the rest', async () => {
    const db = core();
    render(PlanPanel, { projectId: 1, page: at([]), onchange: () => {}, onmove: () => {} });
    const date = (await screen.findByTestId('deploy-planned-on')) as HTMLInputElement;
    await fireEvent.input(date, { target: { value: '31.02' } });
    await fireEvent.input(screen.getByTestId('deploy-description'), { target: { value: 'Облако' } });
    await fireEvent.focusOut(date);
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveAttribute('data-status', 'partial'));
    expect(screen.getByTestId('deploy-planned-on-error')).toHaveTextContent('не дата');
    expect(date.value).toBe('31.02');
    expect(db.plan?.description).toBe('Облако');
    expect(db.plan?.planned_on).toBe('');
    expect(screen.getByTestId('save-status')).not.toHaveTextContent(/^Сохранено$/);
  });

  it('keeps a refused checklist step beside the list while the date and description save', async () => {
    const db = core();
    db.plan = {
      target: 'cloud',
      description: '',
      planned_on: '',
      responsible: '',
      switch_kind: 'module',
      checklist: [{ id: 1, title: 'Поднять ВМ', status: 'todo', owner: null, note: '', links: [], credential: false, secret_location: '' }],
    };
    render(PlanPanel, { projectId: 1, page: at([]), onchange: () => {}, onmove: () => {} });
    await screen.findByTestId('deploy-plan-form');
    // Вера leaves the team (tab 1.6) after this tab was drawn: a step given to her
    // is refused by the core's rule.
    db.teamIds = [1, 2];
    await fireEvent.click(screen.getByTestId('deploy-add-step'));
    await fireEvent.input(screen.getAllByTestId('deploy-step-title')[1], { target: { value: 'Перенести DNS' } });
    await fireEvent.change(screen.getAllByTestId('deploy-step-owner')[1], { target: { value: '9' } });
    await fireEvent.input(screen.getByTestId('deploy-planned-on'), { target: { value: '20.12.2026' } });
    await fireEvent.input(screen.getByTestId('deploy-description'), { target: { value: 'Модуль в ERP клиента' } });
    await fireEvent.focusOut(screen.getByTestId('deploy-description'));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveAttribute('data-status', 'partial'));
    expect(screen.getByTestId('deploy-checklist-error')).toHaveTextContent('Ответственный должен быть из команды');
    expect(db.plan).toMatchObject({ planned_on: '2026-12-20', description: 'Модуль в ERP клиента' });
    expect(db.plan?.checklist.map((i) => i.title)).toEqual(['Поднять ВМ']);
    expect(screen.getAllByTestId('deploy-step-title')).toHaveLength(2);
  });

  it('shows what the core still wants before the deployment starts', async () => {
    core();
    const deploy: ActionOption = {
      kind: 'deploy',
      label: { ru: 'Развернуть у клиента', en: 'Deploy' },
      target: 'switchover',
      loop_kind: null,
      needs_comment: false,
      blocked: {
        code: 'deployment_plan_incomplete',
        message: { ru: 'В плане внедрения не хватает: ответственный.', en: 'The deployment plan lacks: responsible person.' },
      },
    };
    render(PlanPanel, { projectId: 1, page: at([deploy]), onchange: () => {}, onmove: () => {} });
    expect(await screen.findByTestId('deploy-blocked')).toHaveTextContent('В плане внедрения не хватает: ответственный.');
  });

  it('opens a fix stage with its reason only when the core offers one', async () => {
    const db = core();
    const { unmount } = render(PlanPanel, { projectId: 1, page: at([]), onchange: () => {}, onmove: () => {} });
    await screen.findByTestId('deploy-plan-form');
    expect(screen.queryByTestId('fix-stage-form')).toBeNull();
    unmount();
    let moved = false;
    render(PlanPanel, { projectId: 1, page: at([fixOption]), onchange: () => {}, onmove: () => (moved = true) });
    await fireEvent.input(await screen.findByTestId('fix-stage-reason'), {
      target: { value: 'Миграция падает на пустой таблице' },
    });
    await fireEvent.click(screen.getByTestId('fix-stage-start'));
    await waitFor(() => expect(moved).toBe(true));
    expect(db.advanced).toEqual([{ id: 1, action: 'start_fix_stage', comment: 'Миграция падает на пустой таблице' }]);
  });
});
