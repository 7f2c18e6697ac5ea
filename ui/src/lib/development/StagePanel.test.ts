import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import StagePanel from './StagePanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { Acceptance, Adjustment, Bug, Progress, RepoRefs, StagePlan, WorkEntry } from '../ipc';

afterEach(() => clearMocks());

const member = (id: number, name: string) => ({ id, name, contact: '', devops: true, developer: true, tester: true });

/** A core with two stages, the first accepted (frozen) as the core reports it; `refs`
 *  is what the project's git repository offers (none by default). */
function core(refs: RepoRefs = { folder: '', tags: [], commits: [], problem: null }, team = [member(1, 'Анна'), member(2, 'Борис')]) {
  const plan: StagePlan = {
    stages: [
      { id: 1, number: 1, title: 'Вход', features: [], planned_start: '', planned_end: '', requirements: ['ТР-1'], price: null },
      { id: 2, number: 2, title: 'Отчёты', features: [], planned_start: '', planned_end: '', requirements: ['ТР-2', 'ТР-3'], price: null },
    ],
    excluded: [],
  };
  const progress: Progress = {
    hours: [
      { stage: 1, estimated: '40', logged: '38.5' },
      { stage: 2, estimated: '24', logged: '0' },
    ],
    rounds: [
      { stage: 1, qa_rounds: 3, bug_rounds: 1, environment_rounds: 1, defect_rounds: 0, accepted: true },
      { stage: 2, qa_rounds: 0, bug_rounds: 0, environment_rounds: 0, defect_rounds: 0, accepted: false },
    ],
  };
  const work: WorkEntry[] = [{ id: 1, stage: 1, date: '2027-03-02', who: 'Анна', hours: '38.5', reference: 'feature/login', note: '' }];
  const bugs: Bug[] = [];
  const adjustments: Adjustment[] = [];
  const acceptances: Record<number, Acceptance> = {
    1: { stage: 1, checks: [{ requirement: 'ТР-1', verified: true, note: '' }], code_ref: 'a1b2c3d', accepted_on: '2027-03-10', accepted_by: 'Иван' },
  };
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'stage_plan') return plan;
    if (cmd === 'development_progress') return progress;
    if (cmd === 'work_log') return work;
    if (cmd === 'bugs') return bugs;
    if (cmd === 'adjustments') return adjustments;
    if (cmd === 'repository_refs') return refs;
    if (cmd === 'approved_requirements')
      return [
        { id: 'ТР-1', text: 'Вход по паролю', priority: 'must', acceptance: 'Неверный пароль отклоняется', estimate_items: [] },
        { id: 'ТР-2', text: 'Отчёт по продажам за месяц', priority: 'must', acceptance: '', estimate_items: [] },
      ];
    if (cmd === 'team_card') return { members: team, handover: { devops: '', developers: '', testers: '' }, warnings: [] };
    if (cmd === 'acceptance') return acceptances[a.number as number] ?? { stage: a.number, checks: [], code_ref: '', accepted_on: '', accepted_by: '' };
    if (cmd === 'log_work') {
      const e = a.entry as WorkEntry;
      if (!(Number(e.hours) > 0 && Number(e.hours) <= 24))
        throw { code: 'hours_out_of_range', message: `«${e.hours}» ч — столько за день не работают: укажите от 0 до 24 часов.` };
      work.push({ ...e, id: work.length + 1 });
      return work;
    }
    if (cmd === 'save_bug') {
      const b = a.bug as Bug;
      if (!b.title.trim()) throw { code: 'bug_title', message: 'У бага нет заголовка: опишите его в нескольких словах.' };
      if (b.id === 0) bugs.push({ ...b, id: bugs.length + 1, number: bugs.length + 1, status: 'open' });
      else {
        if (b.status === 'wont_fix' && !b.reason.trim()) throw { code: 'wont_fix_reason', message: 'Укажите, почему баг не будет исправлен.' };
        bugs[bugs.findIndex((x) => x.id === b.id)] = b;
      }
      return bugs;
    }
    if (cmd === 'save_acceptance') {
      const acc = a.acceptance as Acceptance;
      if (refs.folder && acc.code_ref && ![...refs.tags, ...refs.commits].some((r) => r.name === acc.code_ref))
        throw { code: 'code_ref_not_found', message: `В репозитории «${refs.folder}» нет тега «${acc.code_ref}».` };
      if (!refs.folder && acc.code_ref && !/^[0-9a-f]{7,40}$/.test(acc.code_ref))
        throw { code: 'code_ref', message: `«${acc.code_ref}» — не хеш коммита и не тег.` };
      acceptances[acc.stage] = acc;
      return acc;
    }
    return null;
  });
  return { work, bugs, acceptances };
}

describe('StagePanel', () => {
  it('shows an accepted stage read-only with its hours and rounds', async () => {
    core();
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 1, onchange: () => {} });
    expect(await screen.findByTestId('stage-frozen')).toHaveTextContent('Этап принят, код заморожен');
    expect(screen.getByTestId('stage-hours')).toHaveTextContent('по смете 40, записано 38,5');
    expect(screen.getByTestId('stage-rounds')).toHaveTextContent('Раундов QA: 3 (с багами: 1) · от DevOps разработчикам: 1 · раундов дефектов: 0');
    expect(screen.getByTestId('stage-records')).toBeDisabled();
    expect(screen.queryByTestId('work-form')).toBeNull();
    expect((screen.getByTestId('accept-code') as HTMLInputElement).value).toBe('a1b2c3d');
    // Each requirement checked at acceptance is named by its text and criterion.
    const row = screen.getByTestId('accept-req');
    expect(row).toHaveTextContent('ТР-1 Вход по паролю');
    expect(row).toHaveTextContent('Критерий приёмки: Неверный пароль отклоняется');
  });

  it('absurd hours are refused in words and the typed entry stays; a good one is logged', async () => {
    const { work } = core();
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    await screen.findByTestId('work-form');
    expect(screen.queryByTestId('stage-frozen')).toBeNull();
    // Who worked is chosen from the project's team of 1.6.
    const who = screen.getByTestId('work-who') as HTMLSelectElement;
    expect([...who.options].map((o) => o.value)).toEqual(['', 'Анна', 'Борис']);
    expect(who).toHaveValue('');
    await fireEvent.change(who, { target: { value: 'Анна' } });
    await fireEvent.input(screen.getByTestId('work-hours'), { target: { value: '300' } });
    await fireEvent.submit(screen.getByTestId('work-form'));
    expect(await screen.findByTestId('work-error')).toHaveTextContent('укажите от 0 до 24 часов');
    expect(screen.getByTestId('work-who')).toHaveValue('Анна');
    await fireEvent.input(screen.getByTestId('work-hours'), { target: { value: '6' } });
    await fireEvent.submit(screen.getByTestId('work-form'));
    await waitFor(() => expect(work).toHaveLength(2));
    expect(work[1]).toMatchObject({ stage: 2, who: 'Анна', hours: '6' });
    await waitFor(() => expect(screen.getAllByTestId('work-entry')).toHaveLength(1));
  });

  it('a bug without a title is refused; a won\'t-fix needs its reason, shown beside the bug', async () => {
    const { bugs } = core();
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    await screen.findByTestId('bug-form');
    await fireEvent.submit(screen.getByTestId('bug-form'));
    expect(await screen.findByTestId('bug-form-error')).toHaveTextContent('У бага нет заголовка');
    await fireEvent.input(screen.getByTestId('bug-title'), { target: { value: 'Отчёт пустой' } });
    await fireEvent.change(screen.getByTestId('bug-severity'), { target: { value: 'major' } });
    await fireEvent.change(screen.getByTestId('bug-requirement'), { target: { value: 'ТР-2' } });
    await fireEvent.submit(screen.getByTestId('bug-form'));
    await screen.findByTestId('bug');
    expect(bugs[0]).toMatchObject({ title: 'Отчёт пустой', severity: 'major', requirement: 'ТР-2', stage: 2 });
    await fireEvent.change(screen.getByTestId('bug-status'), { target: { value: 'wont_fix' } });
    const reason = screen.getByTestId('bug-reason');
    await fireEvent.change(reason);
    expect(await screen.findByTestId('bug-error')).toHaveTextContent('Укажите, почему баг не будет исправлен');
    expect(screen.getByTestId('bug-status')).toHaveValue('wont_fix');
    await fireEvent.input(reason, { target: { value: 'Так задумано' } });
    await fireEvent.change(reason);
    await waitFor(() => expect(bugs[0]).toMatchObject({ status: 'wont_fix', reason: 'Так задумано' }));
    await waitFor(() => expect(screen.queryByTestId('bug-error')).toBeNull());
  });

  it('a malformed commit hash is refused beside the field and not reported saved; the checks are kept', async () => {
    const { acceptances } = core();
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    const boxes = await screen.findAllByTestId('accept-verified');
    await fireEvent.click(boxes[0]);
    await fireEvent.input(screen.getByTestId('accept-code'), { target: { value: 'zzz' } });
    await fireEvent.focusOut(screen.getByTestId('accept-code'));
    expect(await screen.findByTestId('accept-error')).toHaveTextContent('не хеш коммита');
    await waitFor(() => expect(screen.getAllByTestId('save-status')[0]).toHaveAttribute('data-status', 'partial'));
    expect(screen.getByTestId('accept-code')).toHaveValue('zzz');
    await fireEvent.input(screen.getByTestId('accept-code'), { target: { value: '9f8e7d6c' } });
    await fireEvent.focusOut(screen.getByTestId('accept-code'));
    await waitFor(() => expect(screen.getAllByTestId('save-status')[0]).toHaveAttribute('data-status', 'saved'));
    expect(acceptances[2]).toMatchObject({ code_ref: '9f8e7d6c', checks: [{ requirement: 'ТР-2', verified: true, note: '' }] });
  });

  it('offers the repository\'s tags and newest commits; a picked one is saved, one not there is refused', async () => {
    const refs: RepoRefs = {
      folder: '/home/anna/portal',
      tags: [{ name: 'v1.0', commit: '1a2b3c4', date: '2027-03-01', summary: 'Вход по паролю' }],
      commits: [
        { name: '9f8e7d6', commit: '9f8e7d6', date: '2027-03-05', summary: 'Отчёты за месяц' },
        { name: '1a2b3c4', commit: '1a2b3c4', date: '2027-03-01', summary: 'Вход по паролю' },
      ],
      problem: null,
    };
    const { acceptances } = core(refs);
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    const pickList = (await screen.findByTestId('accept-pick')) as HTMLSelectElement;
    expect(screen.getByTestId('accept-repo')).toHaveTextContent('/home/anna/portal');
    const options = [...pickList.querySelectorAll('option')].map((o) => o.textContent);
    expect(options.slice(1)).toEqual([
      'v1.0 · 1a2b3c4 · 1 мар. 2027 г. · Вход по паролю',
      '9f8e7d6 · 5 мар. 2027 г. · Отчёты за месяц',
      '1a2b3c4 · 1 мар. 2027 г. · Вход по паролю',
    ]);
    await fireEvent.change(pickList, { target: { value: 'v1.0' } });
    await waitFor(() => expect(acceptances[2]).toMatchObject({ code_ref: 'v1.0' }));
    expect(screen.getByTestId('accept-code')).toHaveValue('v1.0');
    // A reference typed by hand that the repository does not have: refused in words.
    await fireEvent.input(screen.getByTestId('accept-code'), { target: { value: 'v2.0' } });
    await fireEvent.focusOut(screen.getByTestId('accept-code'));
    expect(await screen.findByTestId('accept-error')).toHaveTextContent('нет тега «v2.0»');
    expect(acceptances[2]).toMatchObject({ code_ref: 'v1.0' });
    await fireEvent.change(pickList, { target: { value: '9f8e7d6' } });
    await waitFor(() => expect(acceptances[2]).toMatchObject({ code_ref: '9f8e7d6' }));
    await waitFor(() => expect(screen.queryByTestId('accept-error')).toBeNull());
  });

  it('a team of one is preselected as who worked and who changed the environment', async () => {
    core(undefined, [member(7, 'Анна Смирнова')]);
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    await screen.findByTestId('work-form');
    expect(screen.getByTestId('work-who')).toHaveValue('Анна Смирнова');
    expect(screen.getByTestId('adj-who')).toHaveValue('Анна Смирнова');
  });

  it('a repository folder that is gone is named with the core\'s reason instead of a list', async () => {
    core({ folder: '/home/anna/portal', tags: [], commits: [], problem: { ru: 'Папка «/home/anna/portal» — не git-репозиторий.', en: 'not a repository' } });
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    expect(await screen.findByTestId('accept-repo-error')).toHaveTextContent('не git-репозиторий');
    expect(screen.queryByTestId('accept-pick')).toBeNull();
  });

  it('without a repository the form says where to name one and the reference is typed', async () => {
    core();
    i18n.lang = 'en';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    expect(await screen.findByTestId('accept-repo')).toHaveTextContent('on tab 2.2');
    expect(screen.queryByTestId('accept-pick')).toBeNull();
  });

  it('a bug is edited in place; an emptied title is refused and stays typed while another bug is saved', async () => {
    const { bugs } = core();
    i18n.lang = 'ru';
    render(StagePanel, { projectId: 1, current: 2, onchange: () => {} });
    await screen.findByTestId('bug-form');
    for (const title of ['Отчёт пустой', 'Нет кнопки выгрузки']) {
      await fireEvent.input(screen.getByTestId('bug-title'), { target: { value: title } });
      await fireEvent.submit(screen.getByTestId('bug-form'));
      await waitFor(() => expect(bugs.at(-1)?.title).toBe(title));
    }
    await waitFor(() => expect(screen.getAllByTestId('bug')).toHaveLength(2));
    await fireEvent.click(screen.getAllByTestId('bug-edit')[0]);
    await fireEvent.input(screen.getByTestId('bug-edit-title'), { target: { value: '' } });
    await fireEvent.submit(screen.getByTestId('bug-edit-form'));
    expect(await screen.findByTestId('bug-error')).toHaveTextContent('У бага нет заголовка');
    // Another bug changes status meanwhile: the refused edit stays on screen.
    await fireEvent.change(screen.getAllByTestId('bug-status')[1], { target: { value: 'fixed' } });
    await waitFor(() => expect(bugs[1].status).toBe('fixed'));
    expect(screen.getByTestId('bug-edit-title')).toHaveValue('');
    await fireEvent.input(screen.getByTestId('bug-edit-title'), { target: { value: 'Отчёт пустой за март' } });
    await fireEvent.submit(screen.getByTestId('bug-edit-form'));
    await waitFor(() => expect(bugs[0].title).toBe('Отчёт пустой за март'));
    await waitFor(() => expect(screen.queryByTestId('bug-edit-form')).toBeNull());
    expect(screen.queryByTestId('bug-error')).toBeNull();
  });
});
