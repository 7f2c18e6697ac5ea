import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api, IpcError } from './index';

afterEach(() => clearMocks());

describe('ipc', () => {
  it('passes arguments by their Rust names and returns the typed answer', async () => {
    let seen: unknown = null;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return { id: 7, name: 'ООО «Ромашка»', created_at: '2026-11-26T10:00:00Z' };
    });
    const c = await api.createClient('ООО «Ромашка»');
    expect(c.id).toBe(7);
    expect(seen).toEqual({ cmd: 'create_client', args: { name: 'ООО «Ромашка»' } });
  });

  it('turns the core error into an IpcError with its code and message', async () => {
    mockIPC(() => {
      throw { code: 'reason_required', message: 'Укажите причину отказа клиента' };
    });
    const err = await api.advance(1, 'refuse_offer', '').catch((e) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err.code).toBe('reason_required');
    expect(err.message).toBe('Укажите причину отказа клиента');
  });

  it('marks anything else as a broken connection', async () => {
    mockIPC(() => {
      throw 'boom';
    });
    const err = await api.listProjects().catch((e) => e);
    expect(err.code).toBe('ipc');
  });

  it('types the code: a comparison with a code the core never sends fails the type check', () => {
    const err = new IpcError('too_long', 'Поле длиннее 200 символов');
    expect(err.code === 'too_long').toBe(true);
    // `npm run check` fails if this comparison ever type-checks again: 'to_long' is
    // no ErrorCode, so a typo in a component's comparison cannot pass unnoticed.
    // @ts-expect-error — not an ErrorCode
    expect(err.code === 'to_long').toBe(false);
  });
});
