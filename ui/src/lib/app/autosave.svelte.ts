// Autosave: a form calls `schedule()` on every change; the save runs after a short
// pause, on `flush()` (blur, leaving the page, closing the window) or when the form
// is destroyed. What is typed is never thrown away: on an error the form keeps it and
// the next change retries.
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

const live = new Set<Autosave>();

if (typeof window !== 'undefined') {
  const flushAll = () => live.forEach((a) => void a.flush());
  window.addEventListener('pagehide', flushAll);
  window.addEventListener('beforeunload', flushAll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll();
  });
}

export class Autosave {
  status = $state<SaveStatus>('idle');
  error = $state<unknown>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly delay = 400,
  ) {
    live.add(this);
    // Made while a form is set up: when the form goes away, what is pending is saved.
    $effect(() => () => {
      void this.flush();
      live.delete(this);
    });
  }

  schedule = () => {
    this.status = 'pending';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.delay);
  };

  flush = async (): Promise<void> => {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    } else if (this.status !== 'pending') {
      return this.#running ?? undefined;
    }
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        this.status = 'saving';
        try {
          await this.save();
          this.status = 'saved';
          this.error = null;
        } catch (e) {
          this.status = 'error';
          this.error = e;
        }
      } while (this.#again);
    })();
    try {
      await this.#running;
    } finally {
      this.#running = null;
    }
  };
}
