import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ActionPanel from './ActionPanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { page, planOption, refuseOption } from '../ipc/fixtures';

afterEach(() => clearMocks());

describe('ActionPanel', () => {
  it('shows a blocked action disabled, with the guard reason in words', () => {
    i18n.lang = 'ru';
    render(ActionPanel, { id: 1, options: [planOption], onchange: () => {} });
    expect(screen.getByTestId('action-confirm_stage_plan')).toBeDisabled();
    expect(screen.getByTestId('blocked-confirm_stage_plan')).toHaveTextContent(
      'Недоступно: ТЗ ещё не разбито на этапы.',
    );
  });

  it('asks for the refusal reason and keeps the text when the core refuses it', async () => {
    i18n.lang = 'ru';
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push(args);
      const comment = (args as { comment: string }).comment;
      if (comment.trim() === '') throw { code: 'reason_required', message: 'Укажите причину' };
      return page;
    });
    const onchange = vi.fn();
    render(ActionPanel, { id: 1, options: [refuseOption], onchange });
    const user = userEvent.setup();
    await user.click(screen.getByTestId('action-refuse_offer'));
    await user.type(screen.getByTestId('comment'), '   ');
    await user.click(screen.getByTestId('comment-submit'));
    expect(await screen.findByTestId('comment-error')).toHaveTextContent('Укажите причину');
    expect(screen.getByTestId('comment')).toHaveValue('   ');
    expect(onchange).not.toHaveBeenCalled();

    await user.clear(screen.getByTestId('comment'));
    await user.type(screen.getByTestId('comment'), 'Дорого{Control>}{Enter}{/Control}');
    await vi.waitFor(() => expect(onchange).toHaveBeenCalledWith(page));
    expect(calls.at(-1)).toEqual({ id: 1, action: 'refuse_offer', comment: 'Дорого' });
  });
});
