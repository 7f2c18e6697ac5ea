// The window's first drawn page (the project list, or the demo project on a first
// run): reported once to the core, which logs it with the time since the process
// started and the page's own two times (`./dev.sh startup` reads that line), and the moment the start-up work that
// can wait — the deadline notices, the register check — begins, so that it does not
// queue before the first page on the store's lock.
import { api } from '../ipc';

/** When the window's script began to run, in ms since the page's start (this module
 *  is evaluated with the first script, before the app is mounted). */
const scriptStarted = Math.round(globalThis.performance?.now() ?? 0);
let reported = false;
let markDrawn: () => void = () => {};
const drawn = new Promise<void>((resolve) => (markDrawn = resolve));

/** Reports `what` as drawn once the browser has painted it (two animation frames:
 *  the first runs before the next paint, the second after it). Only the first call
 *  of a window counts; a failed report changes nothing the user sees. */
export function reportFirstDraw(what: string): void {
  if (reported) return;
  reported = true;
  const frame = globalThis.requestAnimationFrame ?? ((f: () => void) => setTimeout(f, 0));
  frame(() =>
    frame(() => {
      markDrawn();
      void api.startupMark(what, scriptStarted, Math.round(globalThis.performance?.now() ?? 0)).catch(() => {});
    }),
  );
}

/** Runs `work` once the first page is drawn (at once if it already is). */
export function afterFirstDraw(work: () => void): void {
  void drawn.then(work);
}
