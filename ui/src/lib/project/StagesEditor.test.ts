import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import StagesEditor from './StagesEditor.svelte';
import { i18n } from '../i18n/i18n.svelte';

afterEach(() => clearMocks());

describe('StagesEditor', () => {
  // Issue 9: a stage title pasted over 200 characters was cut silently by the field.
  it('sends a long title whole and shows the core\'s limit in words', async () => {
    const sent: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'add_stage') {
        sent.push((args as { title: string }).title);
        throw { code: 'too_long', message: 'Поле «Название этапа» длиннее 200 символов — сократите его.' };
      }
      return null;
    });
    i18n.lang = 'ru';
    render(StagesEditor, { id: 1, stages: [], editable: true, current: 0, onchange: () => {} });
    const input = screen.getByTestId('stage-title');
    // The browser cuts what is typed or pasted at `maxlength`; the limit is the core's.
    expect(input).not.toHaveAttribute('maxlength');
    const title = 'Этап '.repeat(50);
    await fireEvent.input(input, { target: { value: title } });
    await fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(screen.getByTestId('stage-title-error')).toHaveTextContent('длиннее 200 символов'));
    expect(sent).toEqual([title]);
    expect(input).toHaveValue(title);
  });
});
