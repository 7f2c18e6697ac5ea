// Autosave: a form calls `schedule()` on every change; the save runs after a short
// pause, on `flush()` (blur, leaving the page, closing the window) or when the form
// is destroyed. Saves of one form run one after another, never side by side. What is
// typed is never thrown away: on an error the form keeps it, and a retry or the next
// change saves it again.
//
// The status never says "saved" for something typed that is not stored: while a
// change waits or a save runs it says so, and when the core refused some fields (the
// save function returns how many) it is 'partial' with `unsaved` fields.
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'partial' | 'error';

/** What a save function returns: nothing when all is stored, or how many fields the
 *  core refused (they stay on screen with their errors). */
export type SaveResult = void | number;

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
  /** Fields the last save could not store ('partial'). */
  unsaved = $state(0);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(
    private readonly save: () => Promise<SaveResult>,
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
    } else if (this.status !== 'pending' && this.status !== 'error') {
      // Nothing changed since the last save (a failed one is tried again).
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
          const refused = (await this.save()) ?? 0;
          this.error = null;
          this.unsaved = refused;
          // A change made while this save ran is not in it: it still waits.
          if (!this.#again && !this.#timer) this.status = refused > 0 ? 'partial' : 'saved';
          else this.status = 'pending';
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
