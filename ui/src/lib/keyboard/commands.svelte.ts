// What the command palette offers. Each part of the window that has something to
// offer — the app (pages, projects), the project page (its tabs, register, history),
// the action panel (the actions the core's options allow now), a panel's export —
// registers a source while it is on screen; the palette asks every source when it
// opens. So the palette lists exactly what the window shows as possible, and decides
// nothing itself.

export type Group = 'project' | 'tab' | 'action' | 'app';

export interface Command {
  /** Stable within one palette opening (also the option's test id). */
  id: string;
  group: Group;
  label: string;
  /** Shown beside the label and searched too: a client's name, a step number. */
  detail?: string;
  /** A keyboard shortcut that does the same, shown on the right. */
  shortcut?: string;
  run: () => unknown;
}

export type Source = () => Command[] | Promise<Command[]>;

class Registry {
  #sources = new Map<symbol, Source>();

  /** Adds a source; the returned function removes it (an `$effect` cleanup). */
  register(source: Source): () => void {
    const key = Symbol();
    this.#sources.set(key, source);
    return () => {
      this.#sources.delete(key);
    };
  }

  /** Every command now offered; a source that fails is left out, not the palette. */
  async all(): Promise<Command[]> {
    const lists = await Promise.all(
      [...this.#sources.values()].map(async (s) => {
        try {
          return await s();
        } catch {
          return [];
        }
      }),
    );
    return lists.flat();
  }
}

export const commands = new Registry();

/** Registers `source` for as long as the calling component is mounted. */
export function offer(source: Source) {
  $effect(() => commands.register(source));
}

/** Whether a key press is typing into a field (then `?` and `/` are text). */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'color', 'range'].includes(target.type);
  return false;
}

/** Whether this is the palette's shortcut: Ctrl+K, or Cmd+K on macOS. By the key's
 *  position, so it works in the Russian layout too (where K types «Л»). */
export function isPaletteKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k');
}

/** The modifier the platform names: ⌘ on macOS, Ctrl elsewhere. */
export const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** Which dialog of the keyboard layer is open; one at a time. */
class KeyboardState {
  open = $state<'palette' | 'shortcuts' | null>(null);
}
export const keyboard = new KeyboardState();
