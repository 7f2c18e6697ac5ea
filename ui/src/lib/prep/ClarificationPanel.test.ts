import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ClarificationPanel from './ClarificationPanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { Clarification, FieldError, Question, QuestionStatus } from '../ipc';

afterEach(() => clearMocks());

/** A core that keeps questions like the database does: an emptied question keeps its
 *  stored text, the rest of the row is saved and the text comes back refused. */
function core() {
  const db: Question[] = [
    { id: 1, round: 1, text: 'Сколько дилеров?', answer: '', status: 'open' },
    { id: 2, round: 1, text: 'Нужна ли интеграция с 1С?', answer: '', status: 'open' },
  ];
  const card = (refused: FieldError[] = []): Clarification => ({
    round: 1,
    questions: structuredClone(db),
    notes: [],
    refused,
  });
  mockIPC((cmd, args) => {
    if (cmd === 'clarification') return card();
    if (cmd === 'save_question') {
      const a = args as { id: number; text: string; answer: string; status: QuestionStatus };
      const q = db.find((x) => x.id === a.id)!;
      q.answer = a.answer;
      q.status = a.answer ? 'answered' : a.status;
      if (!a.text.trim())
        return card([{ row: null, field: 'text', message: { ru: 'Заполните поле «Вопрос»', en: 'Fill in the question' } }]);
      q.text = a.text;
      return card();
    }
    return null;
  });
  return db;
}

describe('ClarificationPanel', () => {
  it('an emptied question does not hold back answers, and the status says what is not saved', async () => {
    const db = core();
    i18n.lang = 'ru';
    render(ClarificationPanel, { projectId: 1, onchange: () => {} });
    const texts = await screen.findAllByTestId('question-text');
    const answers = screen.getAllByTestId('question-answer');
    await fireEvent.input(texts[0], { target: { value: '' } });
    await fireEvent.input(answers[0], { target: { value: 'Около 40' } });
    await fireEvent.input(answers[1], { target: { value: 'Да, обмен заказами' } });
    await fireEvent.blur(answers[1]);
    const status = screen.getAllByTestId('save-status')[0];
    await waitFor(() => expect(status).toHaveTextContent('Сохранено, кроме 1 поля с ошибкой'));
    expect(db.map((q) => q.answer)).toEqual(['Около 40', 'Да, обмен заказами']);
    expect((texts[0] as HTMLTextAreaElement).value).toBe('');
    expect(screen.getByTestId('question-error')).toHaveTextContent('Заполните поле «Вопрос»');
  });

  it('questions are multi-line fields that show their whole text', async () => {
    core();
    render(ClarificationPanel, { projectId: 1, onchange: () => {} });
    const texts = await screen.findAllByTestId('question-text');
    expect(texts[0].tagName).toBe('TEXTAREA');
    expect(screen.getByTestId('new-question').tagName).toBe('TEXTAREA');
  });
});
