import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Dashboard from './Dashboard.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { summary } from '../ipc/fixtures';
import type { Dashboard as Page, DashboardQuery, DashboardRow, Deadline } from '../ipc';

afterEach(() => clearMocks());

const t = (ru: string, en: string) => ({ ru, en });
const zero = t('0,00 ₽', 'RUB 0.00');

const offer: Deadline = {
  kind: 'offer_validity',
  date: '2026-12-05',
  stage: null,
  label: t('Срок действия КП', 'Offer valid until'),
  days_left: -2,
  overdue: true,
};

function row(id: number, title: string, deadline: Deadline | null): DashboardRow {
  return {
    project: { ...summary, id, title },
    phase: 'preparation',
    step_number: '1.2',
    step_name: t('Уточнение требований', 'Clarification'),
    next_action: { label: t('Запросить оценку', 'Request an estimate'), blocked: t('Есть открытые вопросы', 'Open questions remain') },
    next_deadline: deadline,
    overdue: deadline?.overdue ?? false,
    loops: [{ kind: 'refusal', name: t('Отказ клиента', 'Client refusal'), count: 1 }],
    accepted: zero,
    invoiced: zero,
    paid: zero,
    deadlines: deadline ? [deadline] : [],
  };
}

function page(rows: DashboardRow[], total = rows.length, matched = rows.length, offset = 0): Page {
  return {
    rows,
    offset,
    matched,
    total,
    clients: [{ id: 1, name: 'ООО «Ромашка»' }],
    week: rows
      .filter((r) => r.next_deadline)
      .map((r) => ({ project_id: r.project.id, title: r.project.title, client_name: 'ООО «Ромашка»', deadline: r.next_deadline! })),
    week_total: rows.filter((r) => r.next_deadline).length,
    today: '2026-12-07',
  };
}

/** The core's answer to each query: records what the page asked. */
function core(answer: (q: DashboardQuery) => Page) {
  const asked: DashboardQuery[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'dashboard') return [];
    const q = (args as { query: DashboardQuery }).query;
    asked.push(q);
    return answer(q);
  });
  return asked;
}

describe('Dashboard', () => {
  it('lists projects with the step, next action, deadline, overdue flag, loops and money the core sent', async () => {
    core(() => page([row(1, 'Личный кабинет клиента', offer)]));
    i18n.lang = 'ru';
    render(Dashboard);
    expect(await screen.findByText('Личный кабинет клиента', { selector: '[data-testid="project-link"]' })).toBeInTheDocument();
    const step = screen.getByTestId('project-step');
    expect(step).toHaveTextContent('1.2 Уточнение требований');
    expect(step).toHaveTextContent('раунд 2');
    expect(screen.getByTestId('project-next')).toHaveTextContent('Запросить оценку');
    expect(screen.getByTestId('project-next')).toHaveTextContent('Есть открытые вопросы');
    const deadline = screen.getByTestId('project-deadline');
    expect(deadline).toHaveTextContent('Срок действия КП');
    expect(deadline).toHaveTextContent('просрочено на 2 дн.');
    expect(screen.getByTestId('project-overdue')).toHaveTextContent('Просрочено');
    expect(screen.getByTestId('project-loops')).toHaveTextContent('Отказ клиента: 1 раз');
    expect(screen.getByTestId('project-money')).toHaveTextContent('Оплачено: 0,00 ₽');
    expect(screen.getByTestId('week-item')).toHaveTextContent('Личный кабинет клиента');
    i18n.lang = 'en';
    expect(await screen.findByText(/1\.2 Clarification/)).toBeInTheDocument();
    expect(screen.getByTestId('project-deadline')).toHaveTextContent('2 d overdue');
    expect(screen.getByText('This week')).toBeInTheDocument();
  });

  it('sends each filter and the sort to the core and shows the rows in the order it answered', async () => {
    const a = row(1, 'Альфа', offer);
    const b = row(2, 'Бета', null);
    const asked = core((q) => (q.sort === 'name' ? page([a, b]) : page([b, a])));
    i18n.lang = 'ru';
    render(Dashboard);
    await screen.findAllByTestId('project-row');
    const titles = () => screen.getAllByTestId('project-link').map((e) => e.textContent);
    expect(titles()).toEqual(['Бета', 'Альфа']);
    expect(asked[0]).toEqual({ phase: null, client_id: null, overdue_only: false, text: '', sort: 'changed', offset: 0, limit: 0 });

    await fireEvent.change(screen.getByTestId('sort'), { target: { value: 'name' } });
    await waitFor(() => expect(titles()).toEqual(['Альфа', 'Бета']));
    expect(asked.at(-1)?.sort).toBe('name');

    await fireEvent.click(screen.getByTestId('filter-overdue'));
    await waitFor(() => expect(asked.at(-1)?.overdue_only).toBe(true));
    await fireEvent.input(screen.getByTestId('filter-text'), { target: { value: 'аль' } });
    await waitFor(() => expect(asked.at(-1)?.text).toBe('аль'));
    const phase = screen.getByTestId('filter-phase') as HTMLSelectElement;
    phase.selectedIndex = 4; // closed projects
    await fireEvent.change(phase);
    await waitFor(() => expect(asked.at(-1)?.phase).toBe('finished'));
    const client = screen.getByTestId('filter-client') as HTMLSelectElement;
    client.selectedIndex = 1;
    await fireEvent.change(client);
    await waitFor(() => expect(asked.at(-1)?.client_id).toBe(1));
  });

  it('tells a filter that keeps nothing apart from an empty database, and clears the filters', async () => {
    const asked = core((q) => (q.overdue_only ? page([], 3) : page([row(1, 'Альфа', null)])));
    i18n.lang = 'en';
    render(Dashboard);
    await screen.findAllByTestId('project-row');
    expect(screen.getByTestId('week-empty')).toHaveTextContent('Nothing is due this week');
    await fireEvent.click(screen.getByTestId('filter-overdue'));
    expect(await screen.findByTestId('no-match')).toHaveTextContent('No project matches');
    expect(screen.queryByTestId('no-projects')).toBeNull();
    expect(screen.getByTestId('filter-clear')).toHaveTextContent('Clear filters');
    await fireEvent.click(screen.getByTestId('filter-reset'));
    await screen.findAllByTestId('project-row');
    expect(asked.at(-1)?.overdue_only).toBe(false);
    expect(screen.queryByTestId('filter-clear')).toBeNull();
  });

  it('tells a first-time user what to do when there is no project yet', async () => {
    core(() => page([], 0));
    i18n.lang = 'en';
    render(Dashboard);
    const empty = await screen.findByTestId('no-projects');
    expect(empty).toHaveTextContent('No projects yet');
    expect(empty).toHaveTextContent('opens at step 1.1');
    expect(screen.queryByTestId('week')).toBeNull();
  });

  it('shows a page of rows and asks the core for the next one when told, appending it', async () => {
    const asked = core((q) =>
      q.offset === 0
        ? page([row(1, 'Первый', offer), row(2, 'Второй', offer)], 3, 3, 0)
        : page([row(3, 'Третий', offer)], 3, 3, q.offset),
    );
    i18n.lang = 'ru';
    render(Dashboard);
    expect(await screen.findByText('Второй', { selector: '[data-testid="project-link"]' })).toBeInTheDocument();
    expect(screen.getByTestId('project-count')).toHaveTextContent('Показано 2 из 3');
    await fireEvent.click(screen.getByTestId('project-more'));
    expect(await screen.findByText('Третий', { selector: '[data-testid="project-link"]' })).toBeInTheDocument();
    expect(screen.getAllByTestId('project-row')).toHaveLength(3);
    expect(screen.getByTestId('project-count')).toHaveTextContent('Показано 3 из 3');
    expect(screen.queryByTestId('project-more')).toBeNull();
    expect(asked.map((q) => q.offset)).toEqual([0, 2]);
  });
});
