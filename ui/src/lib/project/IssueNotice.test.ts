import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import IssueNotice from './IssueNotice.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { IssueCheck } from '../ipc';

afterEach(() => clearMocks());

const warning: IssueCheck = {
  kind: 'proposal',
  allowed: true,
  draft: false,
  missing: [{ side: 'provider', field: 'inn', label: { ru: 'ИНН', en: 'INN' } }],
  message: {
    ru: 'В документе останутся пустые реквизиты (исполнитель — «Мой профиль»: ИНН).',
    en: 'The document will have empty requisites (contractor — “My profile”: INN).',
  },
};

describe('IssueNotice', () => {
  it('says before export which requisites are missing and where, in the interface language', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return warning;
    });
    i18n.lang = 'ru';
    render(IssueNotice, { projectId: 7, kind: 'proposal' });
    const notice = await screen.findByTestId('issue-notice');
    expect(notice).toHaveTextContent('«Мой профиль»: ИНН');
    expect(notice).toHaveAttribute('data-allowed', 'true');
    expect(asked).toEqual([['issue_check', { projectId: 7, kind: 'proposal', specVersion: null }]]);
    i18n.lang = 'en';
    expect(await screen.findByText(/“My profile”: INN/)).toBeInTheDocument();
  });

  it('shows a refusal as a refusal, and nothing when there is nothing to say', async () => {
    mockIPC(() => ({ ...warning, kind: 'act', allowed: false, message: { ru: 'Акт нельзя выпустить', en: 'No' } }));
    i18n.lang = 'ru';
    render(IssueNotice, { projectId: 7, kind: 'act' });
    expect(await screen.findByTestId('issue-notice')).toHaveAttribute('data-allowed', 'false');
    clearMocks();
    let answered = false;
    mockIPC(() => {
      answered = true;
      return { ...warning, missing: [], message: null };
    });
    const { container } = render(IssueNotice, { projectId: 8, kind: 'proposal' });
    await vi.waitFor(() => expect(answered).toBe(true));
    await new Promise((r) => setTimeout(r, 0));
    expect(container.querySelector('[data-testid="issue-notice"]')).toBeNull();
  });
});
