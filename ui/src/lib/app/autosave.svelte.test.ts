import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { Autosave } from './autosave.svelte';

// Autosave registers onDestroy, so it is made inside an effect root as in a component.
function make(save: () => Promise<void>) {
  let saver!: Autosave;
  const destroy = $effect.root(() => {
    saver = new Autosave(save, 50);
  });
  flushSync(); // let the effects run, as after a component mounts
  return { saver, destroy };
}

describe('Autosave', () => {
  it('saves once after a burst of changes', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => {});
    const { saver, destroy } = make(save);
    saver.schedule();
    saver.schedule();
    saver.schedule();
    expect(saver.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(60);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.status).toBe('saved');
    destroy();
    vi.useRealTimers();
  });

  it('saves what is pending when the form goes away (closing the window)', async () => {
    const save = vi.fn(async () => {});
    const { saver, destroy } = make(save);
    saver.schedule();
    destroy();
    flushSync();
    await Promise.resolve();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('keeps the error and retries on the next change', async () => {
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw { code: 'database_busy', message: 'busy' };
    });
    const { saver, destroy } = make(save);
    saver.schedule();
    await saver.flush();
    expect(saver.status).toBe('error');
    fail = false;
    saver.schedule();
    await saver.flush();
    expect(saver.status).toBe('saved');
    expect(save).toHaveBeenCalledTimes(2);
    destroy();
  });
});
