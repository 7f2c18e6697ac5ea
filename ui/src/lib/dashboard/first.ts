// The project list's first page, asked for as the window starts — beside `app_info`,
// not after it: one IPC round trip less before the first draw (BENCHMARKS.md,
// start-up). Taken once, by the list the window opens on; a window that opens on a
// project instead drops it, so a later visit to the list never shows an old answer.
import { api, type Dashboard, type DashboardQuery } from '../ipc';

/** The list as it first opens: every project, last changed first, the first page. */
export const FIRST_QUERY: DashboardQuery = {
  phase: null,
  client_id: null,
  overdue_only: false,
  text: '',
  sort: 'changed',
  offset: 0,
  limit: 0,
};

let first: Promise<Dashboard> | null = null;

/** Asks the core for the first page now (once per window). */
export function prefetchFirstPage(): void {
  if (first) return;
  first = api.dashboard(FIRST_QUERY);
  // A failure is shown by the list when it takes the answer, not as an unhandled one.
  first.catch(() => {});
}

/** The first page asked for at start, once; `null` after that (ask the core anew). */
export function takeFirstPage(): Promise<Dashboard> | null {
  const answer = first;
  first = null;
  return answer;
}
