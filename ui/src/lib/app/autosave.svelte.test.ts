import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { Autosave, type SaveResult } from './autosave.svelte';

// Autosave registers onDestroy, so it is made inside an effect root as in a component.
function make(save: () => Promise<SaveResult>) {
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

  // Issue 9: the status never says "saved" for something typed that is not stored.
  it('does not say saved while a change made during a save still waits', async () => {
    let release!: () => void;
    const save = vi.fn(() => new Promise<void>((r) => (release = r)));
    const { saver, destroy } = make(save);
    saver.schedule();
    const first = saver.flush();
    expect(saver.status).toBe('saving');
    saver.schedule(); // typed while the first save runs
    release();
    await first;
    expect(saver.status).not.toBe('saved');
    const second = saver.flush();
    release();
    await second;
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.status).toBe('saved');
    destroy();
  });

  it('says how many fields the core refused instead of saved', async () => {
    const { saver, destroy } = make(async () => 2);
    saver.schedule();
    await saver.flush();
    expect(saver.status).toBe('partial');
    expect(saver.unsaved).toBe(2);
    destroy();
  });

  it('retries a failed save when asked (the banner\'s retry), not only on the next change', async () => {
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw { code: 'database_busy', message: 'busy' };
    });
    const { saver, destroy } = make(save);
    saver.schedule();
    await saver.flush();
    expect(saver.status).toBe('error');
    fail = false;
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.status).toBe('saved');
    destroy();
  });
});
