// The window's first drawn page (the project list, or the demo project on a first
// run): reported once to the core, which logs it with the time since the process
// started and the page's own marks (`./dev.sh startup` reads that line and prints the
// time between each two), and the moment the start-up work that can wait — the
// deadline notices, the register check — begins, so that it does not queue before the
// first page on the store's lock.
import { api } from '../ipc';

const now = () => Math.round(globalThis.performance?.now() ?? 0);

/** The page's start-up marks, in ms since the page's start (navigation), in the order
 *  reached. The first is when the window's script began to run: this module is
 *  evaluated with the first script, before the app is mounted. */
const marks: [string, number][] = [['script', now()]];
let reported = false;
let markDrawn: () => void = () => {};
const drawn = new Promise<void>((resolve) => (markDrawn = resolve));

/** Notes that the first page reached `name` (mounted, answered, rendered…); marks
 *  after the first draw is reported are not kept. */
export function mark(name: string): void {
  if (!reported) marks.push([name, now()]);
}

/** Reports `what` as drawn once the browser has painted it (two animation frames:
 *  the first runs before the next paint, the second after it). Only the first call
 *  of a window counts; a failed report changes nothing the user sees. */
export function reportFirstDraw(what: string): void {
  if (reported) return;
  mark('rendered');
  reported = true;
  const frame = globalThis.requestAnimationFrame ?? ((f: () => void) => setTimeout(f, 0));
  frame(() => {
    marks.push(['frame', now()]);
    frame(() => {
      marks.push(['drawn', now()]);
      markDrawn();
      void api.startupMark(what, marks).catch(() => {});
    });
  });
}

/** Runs `work` once the first page is drawn (at once if it already is). */
export function afterFirstDraw(work: () => void): void {
  void drawn.then(work);
}
