import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Keyboard from './Keyboard.svelte';
import ActionPanel from '../project/ActionPanel.svelte';
import { commands, keyboard, type Command } from './commands.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { page, planOption, refuseOption } from '../ipc/fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  keyboard.open = null;
  clearMocks();
});

function offerForTest(list: Command[]) {
  cleanups.push(commands.register(() => list));
}

const run = { project: vi.fn(), tab: vi.fn(), action: vi.fn() };

function setup() {
  i18n.lang = 'ru';
  Object.values(run).forEach((f) => f.mockClear());
  offerForTest([
    { id: 'project-1', group: 'project', label: 'Личный кабинет', detail: 'ООО «Ромашка»', run: run.project },
    { id: 'tab-estimate', group: 'tab', label: '1.3 Оценка', run: run.tab },
    { id: 'action-send_offer', group: 'action', label: 'Отправить предложение', run: run.action },
  ]);
  const outside = document.createElement('button');
  outside.textContent = 'before';
  document.body.append(outside);
  cleanups.push(() => outside.remove());
  outside.focus();
  render(Keyboard);
  return { user: userEvent.setup(), outside };
}

const labels = () => screen.getAllByRole('option').map((o) => o.querySelector('.label')?.textContent);

describe('command palette', () => {
  it('opens with Ctrl+K, lists what can be done first, and closes with Esc giving the focus back', async () => {
    const { user, outside } = setup();
    await user.keyboard('{Control>}k{/Control}');
    expect(await screen.findByTestId('palette')).toBeInTheDocument();
    expect(screen.getByTestId('palette-input')).toHaveFocus();
    await waitFor(() => expect(labels()).toEqual(['Отправить предложение', '1.3 Оценка', 'Личный кабинет']));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(outside).toHaveFocus();
    expect(Object.values(run).every((f) => f.mock.calls.length === 0)).toBe(true);
  });

  it('opens with the same key in the Russian layout (Ctrl + the K key types «л»)', async () => {
    setup();
    await fireEvent.keyDown(document.body, { key: 'л', code: 'KeyK', ctrlKey: true });
    expect(await screen.findByTestId('palette')).toBeInTheDocument();
  });

  it('filters fuzzily as one types (a client name too), then Enter runs the chosen one', async () => {
    const { user } = setup();
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(labels()).toHaveLength(3));
    await user.type(screen.getByTestId('palette-input'), 'отпрпредл');
    expect(labels()).toEqual(['Отправить предложение']);
    await user.clear(screen.getByTestId('palette-input'));
    await user.type(screen.getByTestId('palette-input'), 'ромашка');
    expect(labels()).toEqual(['Личный кабинет']);
    await user.keyboard('{Enter}');
    expect(run.project).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('palette')).toBeNull();
  });

  it('moves with the arrows (wrapping round) and says which option is active', async () => {
    const { user } = setup();
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(labels()).toHaveLength(3));
    const input = screen.getByTestId('palette-input');
    await user.keyboard('{ArrowDown}');
    expect(input).toHaveAttribute('aria-activedescendant', 'palette-opt-1');
    expect(screen.getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(input).toHaveAttribute('aria-activedescendant', 'palette-opt-0');
    await user.keyboard('{ArrowUp}{Enter}');
    expect(run.project).toHaveBeenCalledOnce();
    expect(run.action).not.toHaveBeenCalled();
  });

  it('says so when nothing matches', async () => {
    const { user } = setup();
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => expect(labels()).toHaveLength(3));
    await user.type(screen.getByTestId('palette-input'), 'zzzz');
    expect(screen.getByTestId('palette-empty')).toHaveTextContent('Ничего не найдено.');
  });

  it('shows the shortcut list on ? outside a text field, in both languages, and Esc closes it', async () => {
    const { user } = setup();
    await user.keyboard('?');
    expect(await screen.findByTestId('shortcuts')).toHaveTextContent('Горячие клавиши');
    expect(screen.getByTestId('shortcuts')).toHaveTextContent('Ctrl');
    i18n.lang = 'en';
    await waitFor(() => expect(screen.getByTestId('shortcuts')).toHaveTextContent('Keyboard shortcuts'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('shortcuts')).toBeNull();
  });

  it('lets ? be typed into a field', async () => {
    const { user } = setup();
    const field = document.createElement('input');
    document.body.append(field);
    cleanups.push(() => field.remove());
    await user.click(field);
    await user.keyboard('?');
    expect(field).toHaveValue('?');
    expect(screen.queryByTestId('shortcuts')).toBeNull();
  });
});

describe('the action panel in the palette', () => {
  it('offers exactly the actions the core allows now, and running one asks for its reason', async () => {
    i18n.lang = 'ru';
    mockIPC(() => page);
    render(ActionPanel, { id: 1, options: [planOption, refuseOption], onchange: () => {} });
    const offered = await commands.all();
    expect(offered.map((c) => c.label)).toEqual(['Клиент отказался']);
    await offered[0].run();
    expect(await screen.findByTestId('comment-form')).toBeInTheDocument();
  });
});
