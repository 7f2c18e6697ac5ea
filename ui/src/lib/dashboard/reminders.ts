// Asks the core for the deadline notices due now, at start and every half hour. The
// core decides what is due, shows each at most once a day and not at all when the
// user switched notifications off; a failure here only loses a notice.
import { api } from '../ipc';

const EVERY_MS = 30 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | null = null;

export function startReminders(): void {
  if (timer !== null) return;
  const ask = () => void api.notifyDeadlines().catch(() => {});
  ask();
  timer = setInterval(ask, EVERY_MS);
}
