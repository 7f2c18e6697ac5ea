// Start-up time and memory of the release app against a bare Tauri 2 window
// (`./dev.sh startup [N]`, which builds both first; figures in BENCHMARKS.md).
//
// Each run starts one binary on its own fresh Xvfb display and waits for its page's
// first-draw mark (Etap: the project list, logged by the core; the bare window: its
// page, printed on stdout). Time to first draw is the wall clock from spawning the
// process to the mark (the mark also carries the milliseconds since `main`). After
// 5 s idle the RSS and PSS of the whole process tree (the app and WebKit's web and
// network processes, read from /proc/PID/smaps_rollup) are summed. Scenarios run
// interleaved (bare, demo, 1,000 projects, bare, …) so that the shared machine's
// noise falls on all alike; each scenario first runs once unmeasured (the day's
// backup, a migration, cold caches).
//
// Usage: node benches/startup.mjs --runs N --etap BIN --bare BIN --demo DIR --big DIR
//        [--idle SECONDS] [--out FILE.json]
//        node benches/startup.mjs --quick --etap BIN --demo DIR --xdg DIR
// `--quick` (the test command's bench step, so the script cannot rot): one start of
// Etap on the demo data, no warm-up, no idle, no bare window and no ratios; it fails
// unless the first-draw line and every phase were found.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    etap: { type: 'string' },
    bare: { type: 'string' },
    demo: { type: 'string' },
    big: { type: 'string' },
    idle: { type: 'string', default: '5' },
    xdg: { type: 'string' },
    out: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const QUICK = opt.quick;
for (const k of QUICK ? ['etap', 'demo', 'xdg'] : ['etap', 'bare', 'demo', 'big', 'xdg'])
  if (!opt[k]) throw new Error(`--${k} is required`);
const RUNS = QUICK ? 1 : Number(opt.runs);
const IDLE_MS = QUICK ? 0 : Number(opt.idle) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const scenarios = [
  { name: 'bare window', bin: opt.bare, args: [], mark: 'stdout' },
  { name: 'Etap, demo data', bin: opt.etap, args: ['--data-dir', opt.demo], mark: join(opt.demo, 'logs', 'etap.log') },
  { name: 'Etap, 1,000 projects', bin: opt.etap, args: ['--data-dir', opt.big ?? ''], mark: join(opt.big ?? '', 'logs', 'etap.log') },
].filter((s) => !QUICK || s.name === 'Etap, demo data');

// ---- processes ---------------------------------------------------------------------

/** Every descendant of `pid` with its name, from /proc. */
function tree(pid) {
  const children = new Map();
  const names = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      names.set(Number(p), name);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(p));
    } catch {
      // the process ended while listing
    }
  }
  const out = [];
  const walk = (p) => {
    out.push({ pid: p, name: names.get(p) ?? '?' });
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** RSS and PSS in kB of one process (smaps_rollup). */
function memory(pid) {
  let text = '';
  try {
    text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    // the process ended between the listing and the read
  }
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { rss: field('Rss'), pss: field('Pss') };
}

function freeDisplay() {
  let n = 120;
  while (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) n++;
  return n;
}

async function startXvfb() {
  const n = freeDisplay();
  const xvfb = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await sleep(50);
  return { xvfb, display: `:${n}` };
}

async function stop(child, timeoutMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  if ((await Promise.race([done.then(() => true), sleep(timeoutMs).then(() => false)])) === false) {
    child.kill('SIGKILL');
    await done;
  }
}

const MARK = /first draw.*since_start_ms=(\d+).*unix_ms=(\d+)/;

/** The time between each two marks of one start, in ms: `main` to the setup, the
 *  setup, the setup's end to the page's start (the webview made and the page loaded:
 *  the first-draw line's time since main less the page's last mark), then between the
 *  page's own marks (`page="script=84 mounted=97 … drawn=370"`). Null if a line is
 *  missing (an older build). */
function phasesOf(text, sinceMain) {
  const field = (re) => (re.exec(text) ? Number(re.exec(text)[1]) : null);
  const setupStart = field(/starting .*since_start_ms=(\d+)/);
  const setupDone = field(/setup done.*since_start_ms=(\d+)/);
  const page = /first draw.*page="([^"]*)"/.exec(text);
  if (setupStart === null || setupDone === null || !page) return null;
  const marks = page[1].split(' ').map((kv) => {
    const [name, ms] = kv.split('=');
    return [name, Number(ms)];
  });
  const phases = {
    'main → setup': setupStart,
    setup: setupDone - setupStart,
    'setup done → page starts': sinceMain - marks[marks.length - 1][1] - setupDone,
  };
  let before = ['page starts', 0];
  for (const [name, ms] of marks) {
    phases[`${before[0]} → ${name}`] = ms - before[1];
    before = [name, ms];
  }
  // The page's own work, comparable across pages with different marks: from its
  // script's start to its first animation frame.
  const at = Object.fromEntries(marks);
  if (at.script !== undefined && at.frame !== undefined) phases['(script → frame, in all)'] = at.frame - at.script;
  return phases;
}

/** One start of a scenario: time to the mark and the tree's memory after idling. */
async function runOnce(s) {
  const { xvfb, display } = await startXvfb();
  const home = join(opt.xdg, s.name.replace(/[^a-z0-9]+/gi, '-'));
  const env = {
    ...process.env,
    DISPLAY: display,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_DATA_HOME: join(home, 'data'),
  };
  for (const d of ['config', 'cache', 'data']) mkdirSync(join(home, d), { recursive: true });
  const logOffset = s.mark === 'stdout' || !existsSync(s.mark) ? 0 : statSync(s.mark).size;
  let stdout = '';
  const t0 = Date.now();
  const app = spawn(s.bin, s.args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
  app.stdout.on('data', (b) => (stdout += b));
  try {
    let m = null;
    const deadline = Date.now() + 120000;
    while (!m) {
      if (Date.now() > deadline) throw new Error(`${s.name}: no first-draw mark in 120 s`);
      if (app.exitCode !== null) throw new Error(`${s.name}: exited with ${app.exitCode} before drawing`);
      await sleep(10);
      const text = s.mark === 'stdout' ? stdout : existsSync(s.mark) ? readFileSync(s.mark, 'utf8').slice(logOffset) : '';
      m = MARK.exec(text);
    }
    // The phases, from the log (Etap) or stdout (the bare window), both written the
    // same way: the setup's start and end (ms since main), and the page's own marks
    // (ms since the page's start), carried by the first-draw line.
    const text = s.mark === 'stdout' ? stdout : readFileSync(s.mark, 'utf8').slice(logOffset);
    const phases = phasesOf(text, Number(m[1]));
    await sleep(IDLE_MS);
    const procs = tree(app.pid).map((p) => ({ ...p, ...memory(p.pid) }));
    return {
      phases,
      firstDrawMs: Number(m[2]) - t0,
      sinceMainMs: Number(m[1]),
      rss: procs.reduce((a, p) => a + p.rss, 0),
      pss: procs.reduce((a, p) => a + p.pss, 0),
      procs,
    };
  } finally {
    await stop(app);
    await stop(xvfb);
  }
}

// ---- the run -----------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const results = new Map(scenarios.map((s) => [s.name, []]));

for (const s of QUICK ? [] : scenarios) {
  process.stderr.write(`warm-up: ${s.name}\n`);
  await runOnce(s);
}
for (let i = 1; i <= RUNS; i++) {
  for (const s of scenarios) {
    const r = await runOnce(s);
    results.get(s.name).push(r);
    process.stderr.write(
      `run ${i}/${RUNS} ${s.name}: first draw ${r.firstDrawMs} ms (${r.sinceMainMs} since main), ` +
        `RSS ${(r.rss / 1024).toFixed(0)} MB, PSS ${(r.pss / 1024).toFixed(0)} MB\n`,
    );
  }
}

const mb = (kb) => (kb / 1024).toFixed(0);
if (QUICK) {
  const [r] = results.get('Etap, demo data');
  const missing = !r.phases || Object.values(r.phases).some((v) => !Number.isFinite(v) || v < 0);
  console.log(`startup bench, quick: first draw ${r.firstDrawMs} ms; phases ${JSON.stringify(r.phases)}`);
  if (missing) {
    console.error('startup bench, quick: the first-draw line or a phase is missing or negative');
    process.exit(1);
  }
  process.exit(0);
}
const base = results.get('bare window');
const bFirst = median(base.map((r) => r.firstDrawMs));
const bRss = median(base.map((r) => r.rss));
const bPss = median(base.map((r) => r.pss));
const rows = [];
for (const s of scenarios) {
  const rs = results.get(s.name);
  const first = median(rs.map((r) => r.firstDrawMs));
  const rss = median(rs.map((r) => r.rss));
  const pss = median(rs.map((r) => r.pss));
  rows.push(
    `| ${s.name} | ${first} ms | ${(first / bFirst).toFixed(2)}× | ${mb(rss)} MB | ${(rss / bRss).toFixed(2)}× | ` +
      `${mb(pss)} MB | ${(pss / bPss).toFixed(2)}× | ${(statSync(s.bin).size / 1048576).toFixed(1)} MB |`,
  );
}
// Per process kind, the median PSS (where the difference lives).
const kinds = [];
for (const s of scenarios) {
  const byName = new Map();
  for (const r of results.get(s.name)) {
    const seen = new Map();
    for (const p of r.procs) seen.set(p.name, (seen.get(p.name) ?? 0) + p.pss);
    for (const [n, v] of seen) byName.set(n, [...(byName.get(n) ?? []), v]);
  }
  kinds.push(`${s.name}: ` + [...byName].map(([n, v]) => `${n} ${mb(median(v))} MB`).join(', '));
}

console.log(`\nMedians of ${RUNS} runs each, ${opt.idle} s idle after the first draw:\n`);
console.log('| | first draw | × bare | RSS | × bare | PSS | × bare | binary |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log('\nPSS by process (median):');
for (const k of kinds) console.log(`- ${k}`);
// Where the time to the first draw goes: the medians of each phase, one column per
// scenario (a phase the bare window does not have is blank).
const phaseNames = [];
// The scenario with the most marks first, so that the rows keep the page's order.
const byMarks = [...scenarios].sort(
  (a, b) =>
    Math.max(0, ...results.get(b.name).map((r) => Object.keys(r.phases ?? {}).length)) -
    Math.max(0, ...results.get(a.name).map((r) => Object.keys(r.phases ?? {}).length)),
);
for (const s of byMarks)
  for (const r of results.get(s.name))
    for (const name of Object.keys(r.phases ?? {})) if (!phaseNames.includes(name)) phaseNames.push(name);
if (phaseNames.length) {
  console.log('\nTime to the first draw by phase (median ms):\n');
  console.log(`| phase | ${scenarios.map((s) => s.name).join(' | ')} |`);
  console.log(`|---|${scenarios.map(() => '---|').join('')}`);
  for (const name of phaseNames) {
    const cells = scenarios.map((s) => {
      const xs = results
        .get(s.name)
        .map((r) => r.phases?.[name])
        .filter((x) => x !== undefined);
      return xs.length ? String(median(xs)) : '';
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}
if (opt.out) {
  mkdirSync(dirname(opt.out), { recursive: true });
  writeFileSync(opt.out, JSON.stringify(Object.fromEntries(results), null, 2));
}
