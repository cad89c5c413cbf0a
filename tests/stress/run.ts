import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readZip } from '../../shared/import/zip.js';
import { fuzzApi } from './apiFuzz.js';
import { runCorruptCases } from './corruptFiles.js';
import { checkSaveProtocol, sweepCrashPoints } from './crashPoints.js';
import { fusesOf, REQUIRED_FUSES } from './fuses.js';
import { ratioBomb, runHostileImport } from './hostileImport.js';
import {
  csvLeaders,
  hostOnPort80,
  idCollisions,
  mixedLineEndings,
  readOnlyFile,
  saveCadence,
  symlinkSaves,
  unclosedQuote,
  unknownFieldsKept,
} from './hardening.js';
import { fuzzHttp } from './httpFuzz.js';
import { probeHttp } from './httpRefusal.js';
import { measureLimits } from './memory.js';
import { bundleSaveChild, runKills } from './killHarness.js';

/*
 * `npm run stress [-- --kills 500 --control 200 --imports 30000 --payloads 5000 --requests 30000 --quick --skip-e2e --skip-audit]`
 * runs every proof of issues 5 and 12 at stress size and prints ONE table of
 * the figures, each with its target. Progress goes to stderr, the table to
 * stdout. Exit code 1 when a figure misses its target. `--quick` runs them at
 * CI size and leaves out the peak-memory measurements of the limits (minutes
 * each on a shared machine).
 */

const ROOT = resolve(import.meta.dirname, '../..');

interface Row {
  readonly point: string;
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly ok: boolean | undefined;
}

const rows: Row[] = [];
const notes: string[] = [];
const row = (point: string, figure: string, value: number | string, target: string, ok: boolean | undefined) =>
  rows.push({ point, figure, value: String(value), target, ok });
const zero = (point: string, figure: string, value: number) => row(point, figure, value, '0', value === 0);
const log = (text: string) => process.stderr.write(`stress: ${text}\n`);

async function time<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`${what}…`);
  const result = await run();
  log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function killDuringSave(kills: number, control: number, lanes: number, seed: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-stress-bundle-'));
  try {
    const childPath = await bundleSaveChild(dir);
    const progress = (done: number, total: number) => {
      if (done % 50 === 0 || done === total) log(`  ${done}/${total} kills`);
    };
    const f = await time(`${kills} kills (atomic writer)`, () =>
      runKills({ writer: 'atomic', kills, seed, lanes, childPath, onKill: progress }),
    );
    const p = '1 kill during save';
    row(p, 'SIGKILLs of a backend process saving (the product writer)', f.kills, `≥ ${kills}`, f.kills >= kills);
    row(
      p,
      'kills that landed mid-save / before the process was ready',
      `${f.killsMidSave} / ${f.killsBeforeReady}`,
      'most mid-save',
      f.killsMidSave > f.kills / 4,
    );
    row(
      p,
      'where the kills landed',
      Object.entries(f.byStep)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      'every step',
      undefined,
    );
    row(p, 'saves acknowledged (edits)', `${f.savesAcknowledged} (${f.editsAcknowledged})`, '', undefined);
    zero(p, 'unreadable files after a kill', f.unreadable + f.missing);
    zero(p, 'acknowledged edits lost', f.editsLost);
    row(
      p,
      'file = last acknowledged save or the one in flight',
      `${f.equalLastAck + f.equalInFlight}/${f.kills} (${f.equalInFlight} in flight)`,
      'all',
      f.equalLastAck + f.equalInFlight === f.kills,
    );
    zero(p, 'files holding bytes no save wrote', f.unknownState);
    zero(p, 'reopens that loaded something else / failed to start (stale lock)', f.reopenMismatch + f.startFailures);
    zero(p, 'temp files / lock files left after the final reopen and close', f.tempFilesAfterReopen + f.locksAfterClose);
    row(p, 'backups cut short by a kill (skipped, never offered)', f.partialBackups, 'reported', undefined);
    if (f.partialBackups > 0)
      notes.push(
        `${f.partialBackups} backup copies were cut short by kills: Backups.create copies straight to the final name (copyFile, no temp + rename, no fsync). The loader skips them and never offers them, but they take a rotation slot.`,
      );
    if (f.startFailureReasons.length) notes.push(`start failures: ${f.startFailureReasons.join(' | ')}`);
    if (control > 0) {
      const c = await time(`${control} kills (control: fs.writeFile onto the file)`, () =>
        runKills({ writer: 'control', kills: control, seed: seed + 1, lanes, childPath, onKill: progress }),
      );
      row(
        p,
        `control: plain fs.writeFile, ${c.kills} kills — unreadable files`,
        c.unreadable + c.missing,
        '> 0 (the harness sees loss)',
        c.unreadable + c.missing > 0,
      );
      row(p, 'control: acknowledged edits lost', c.editsLost, '> 0', c.editsLost > 0);
      if (c.unreadableReasons.length) notes.push(`control losses, e.g.: ${c.unreadableReasons.slice(0, 2).join(' | ')}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function crashPoints(): Promise<void> {
  const f = await time('crash points', () => sweepCrashPoints());
  const protocol = await checkSaveProtocol();
  const p = '2 every crash point';
  row(
    p,
    'fault × step scenarios (save, open, restore)',
    `${f.scenarios} (${f.steps.save} + ${f.steps.open} + ${f.steps.restore} steps × 8 faults)`,
    'every step',
    f.scenarios > 0,
  );
  row(
    p,
    'reopened as old / new / corrupt kept / older backup',
    `${f.reopenedOld} / ${f.reopenedNew} / ${f.reopenedCorruptKept} / ${f.reopenedOlderBackup}`,
    'nothing else',
    f.reopenedOld + f.reopenedNew + f.reopenedCorruptKept + f.reopenedOlderBackup === f.scenarios,
  );
  zero(p, 'loader returned the empty default', f.silentResets);
  zero(p, 'temp files left', f.tempFilesLeft);
  zero(p, 'failures without a clear message (path + reason)', f.unclearErrors);
  zero(p, 'other problems', f.failures.length);
  zero(p, 'save-protocol rules broken (fsync temp, rename, fsync folder, backup first)', protocol.problems.length);
  for (const r of f.failures.slice(0, 8))
    notes.push(`crash point ${r.group} step ${r.step} (${r.op}) ${r.fault}: ${r.problems.join('; ')}`);
  const notesSeen = new Set(f.results.flatMap((r) => (r.note ? [r.note.replace(/\/tmp\/\S+/g, '…')] : [])));
  for (const n of notesSeen) notes.push(`crash points: ${n}`);
}

async function corruptFiles(cuts: number): Promise<void> {
  const fractions = Array.from({ length: cuts }, (_, i) => (i + 0.5) / cuts);
  const f = await time('corrupt and foreign files', () => runCorruptCases({ huge: true, cuts: fractions }));
  const p = '3 corrupt and foreign files';
  row(p, 'files opened (empty, cut, NUL, BOM, null, foreign, newer version, 200 MB, …)', f.cases, '', undefined);
  zero(p, 'crashes', f.crashes);
  zero(p, 'silent resets', f.silentResets);
  zero(p, 'originals changed', f.originalsChanged);
  zero(p, 'unclear messages', f.unclearMessages);
  row(
    p,
    'newest valid backup offered / restored',
    `${f.backupOffered} / ${f.restored}`,
    `${f.cases}`,
    f.backupOffered === f.cases && f.restored === f.cases,
  );
  for (const huge of f.results.filter((r) => / MB file/.test(r.name)))
    row(p, `${huge.name}: opened, refused, restored in`, `${(huge.ms / 1000).toFixed(1)} s`, '', huge.problems.length === 0);
  for (const r of f.results.filter((x) => x.problems.length).slice(0, 5)) notes.push(`corrupt ${r.name}: ${r.problems.join('; ')}`);
}

async function hostileImport(runs: number, seed: number, bombSizes: readonly number[]): Promise<void> {
  const f = await time(`${runs} hostile imports`, () =>
    runHostileImport({
      runs,
      seed,
      cliRuns: Math.min(500, Math.round(runs / 50)),
      ratioBombs: [
        { mb: 100, fill: 'zeros' },
        { mb: 20, fill: 'rows' },
      ],
    }),
  );
  const p = '4 hostile import';
  row(
    p,
    'malformed exports through import:preview (CSV / ZIP / noise)',
    `${f.inputs} (${f.csv} / ${f.zip} / ${f.noise})`,
    '≥ 10,000',
    f.inputs >= 10_000,
  );
  row(p, 'of which ZIP bombs / path-traversal entry names', `${f.bombs} / ${f.traversalNames}`, '', undefined);
  row(
    p,
    'accepted / refused',
    `${f.accepted} / ${Object.entries(f.refused)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
    '',
    undefined,
  );
  zero(p, 'uncaught exceptions (internal or thrown)', f.uncaught);
  zero(p, 'data file changed by a preview', f.fileChanged);
  row(p, 'commits of accepted previews / invalid file after', `${f.commits} / ${f.badCommits}`, '0 invalid', f.badCommits === 0);
  row(
    p,
    '`kith import` runs / crashes / file changed on refusal',
    `${f.cliRuns} / ${f.cliCrashes} / ${f.cliFileChangedOnRefusal}`,
    '0 / 0',
    f.cliCrashes + f.cliFileChangedOnRefusal === 0,
  );
  zero(p, 'files written outside the data file (traversal)', f.strayFiles);
  for (const b of f.bombResults)
    row(p, `ratio bomb: ${b.what}`, `${b.outcome}, ${(b.ms / 1000).toFixed(1)} s`, 'no crash', !b.outcome.includes('internal'));
  const big = ratioBomb(600, new Uint8Array(1));
  let refusal = 'accepted';
  try {
    readZip(big, 'bomb.zip');
  } catch (err) {
    refusal = err instanceof Error ? err.message : String(err);
  }
  row(
    p,
    `ratio bomb: 600 MB of NULs in a ${Math.round(big.length / 1024)} KB ZIP`,
    refusal.includes('unpacks to') ? 'refused before inflating' : refusal,
    'refused',
    refusal.includes('unpacks to'),
  );
  row(p, 'slowest input', `${f.slowestMs} ms: ${f.slowest.slice(0, 60)}`, '', undefined);
  for (const mb of bombSizes) {
    const r = await time(`${mb} MB CSV-rows bomb in a process of its own`, async () =>
      run(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/stress/bombChild.ts'), '--mb', String(mb)]),
    );
    const answer = /^answer (\S+) (\d+) (\d+) (\d+)$/m.exec(r.stdout);
    const died = answer === null;
    const why = /heap out of memory/i.test(r.stderr) ? 'V8 out of memory' : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
    row(
      p,
      `ratio bomb: ${mb} MB of CSV rows${answer ? ` in a ${answer[4]} KB ZIP` : ''} (default heap)`,
      died ? `the process died: ${why.slice(0, 50)}` : `${answer[1]}, ${(Number(answer[2]) / 1000).toFixed(1)} s, peak ${answer[3]} MB`,
      'refused or read, never a crash',
      !died,
    );
  }
  for (const x of f.failures.slice(0, 5)) notes.push(`hostile import: ${x}`);
}

async function apiFuzz(runs: number, seed: number): Promise<void> {
  const f = await time(`${runs} payloads × every channel`, () => fuzzApi({ runs, seed, parallel: 4 }));
  const p = '4 API fuzz';
  row(p, 'channels × payloads', `${f.channels} × ${f.minPerChannel} = ${f.calls}`, '≥ 1,000 per channel', f.minPerChannel >= 1_000);
  row(p, 'accepted (valid output) / refused (named code)', `${f.accepted} / ${f.refused}`, '', undefined);
  zero(p, 'answers with code internal', f.internal);
  zero(p, 'exceptions out of backend.call', f.thrown);
  zero(p, 'invalid answers (output schema, envelope)', f.invalidAnswers);
  zero(p, 'data file changed by a refused call', f.fileChangedOnRefusal);
  for (const c of f.perChannel.filter((x) => x.failures.length).slice(0, 5)) notes.push(`api ${c.channel}: ${c.failures[0] ?? ''}`);
}

async function http(randomRuns: number, seed: number): Promise<void> {
  const f = await time('HTTP refusals', () => probeHttp({ seed, randomRuns }));
  const p = '4 HTTP';
  row(p, 'calls without the token / wrong token / foreign Host or Origin / wrong method', f.hostile, '', undefined);
  row(p, 'refused', `${f.refused}/${f.hostile}`, 'all', f.refused === f.hostile);
  row(p, 'refused calls that reached the backend', f.reachedBackend ? 'yes' : 'no', 'no', !f.reachedBackend);
  zero(p, 'answers without the CSP header', f.withoutCsp);
  row(p, 'server process deaths on malformed request targets', `${f.serverCrashes}/${f.malformed}`, '0', f.serverCrashes === 0);
  for (const t of f.crashTargets) notes.push(`HTTP server died on: ${t}`);
  if (f.ambiguousAccepted.length)
    notes.push(`HTTP, informational: accepted with the right token although no browser sends them: ${f.ambiguousAccepted.join('; ')}`);
}

/** Peak memory the limits are chosen to stay under (resident set, as the OS counts it). */
const PEAK_TARGET_MB = 1_536;

async function hardening(quick: boolean, seed: number, requests: number): Promise<void> {
  const p = '7 hardening (issue 12)';
  const h = await time(`${requests} unauthenticated HTTP requests`, () => fuzzHttp({ count: requests, seed }));
  const statuses = Object.entries(h.byStatus)
    .sort()
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  row(
    p,
    'unauthenticated requests (folders, `..`, encodings, links out, a FIFO, odd methods and headers)',
    `${h.requests} (${statuses})`,
    '≥ 10,000',
    h.requests >= 10_000,
  );
  zero(p, 'server process deaths', h.deaths);
  zero(p, 'answers that hung / leaked a file from outside / internal errors', h.hung + h.leaks + h.internalErrors);
  zero(p, 'API calls answered without the token', h.apiAccepted);
  row(p, 'the API with the token afterwards', h.apiDetail, 'right answer', h.apiWorksAfter);
  for (const c of h.deathCauses) notes.push(`HTTP fuzz: the server died on ${c}`);
  row(p, 'Host without the port on port 80 (as browsers send it)', hostOnPort80() ? 'accepted' : 'refused', 'accepted', hostOnPort80());

  const link = await time('100 saves through a symlink', () => symlinkSaves(100));
  row(
    p,
    'saves through a symlinked data file: still a link after / real file holds the last',
    `${link.stillLink}/${link.saves} / ${link.realHoldsLast ? 'yes' : 'no'}`,
    'all / yes',
    link.stillLink === link.saves && link.realHoldsLast,
  );
  row(p, 'CLI write through the link while the real file is open', link.cliRefused ? 'refused' : 'written', 'refused', link.cliRefused);

  const limits = await time('limits and peak memory', () => measureLimits({ heavy: !quick, log }));
  for (const f of limits.figures) {
    const isAccepted = /^(added|loaded)/.test(f.outcome);
    const value = `${isAccepted ? f.outcome : `refused: ${f.message ?? f.outcome}`.slice(0, 110)}; peak ${f.peakMB} MB, ${(f.ms / 1000).toFixed(1)} s`;
    if (/^largest accepted|uploaded/.test(f.what))
      row(p, f.what, value, `≤ ${PEAK_TARGET_MB.toLocaleString('en')} MB peak`, isAccepted && f.peakMB <= PEAK_TARGET_MB);
    else row(p, f.what, value, 'refused, limit named', f.outcome === 'rejected' && /Kith (imports|reads)/.test(f.message ?? ''));
  }
  const huge = limits.hugeFile;
  row(
    p,
    "588 MB data file (the issue's 750,000-row import): `kith stats`",
    `exit ${huge.status}, ${huge.ms} ms: ${huge.stderr.replace(/^kith stats: \S+ /, '').slice(0, 70)}`,
    'refused, limit named',
    huge.status !== 0 && /Kith reads data files up to/.test(huge.stderr),
  );

  const quote = await time('unclosed quote', () => unclosedQuote(1_000));
  row(
    p,
    `${quote.rows}-row CSV, unclosed quote on row 3: added / errors`,
    `${quote.added} / ${quote.errors}${quote.named ? ', its line and the lines it swallowed named' : ''}`,
    `${quote.rows - 1} / 1, named`,
    quote.added === quote.rows - 1 && quote.errors === 1 && quote.named,
  );
  const mixed = await mixedLineEndings(1_000);
  row(
    p,
    `${mixed.rows} rows ending in mixed CRLF / LF / CR: added / errors`,
    `${mixed.added} / ${mixed.errors}`,
    `${mixed.rows} / 0`,
    mixed.added === mixed.rows && mixed.errors === 0,
  );
  const ids = await time('ids with a repeating random source', () => idCollisions(2_000));
  row(
    p,
    'import, random source repeating every id: added / in the file / distinct ids',
    `${ids.added} / ${ids.people} / ${ids.distinct}`,
    `${ids.rows} each`,
    ids.added === ids.rows && ids.people === ids.rows && ids.distinct === ids.rows,
  );
  const unknown = await unknownFieldsKept();
  row(
    p,
    'unknown fields of schema version 1 kept through an edit and its save',
    `${unknown.kept}/${unknown.planted}`,
    'all',
    unknown.kept === unknown.planted,
  );
  const ro = await readOnlyFile();
  row(
    p,
    'read-only data file: opened for viewing / edit refused by name / file unchanged',
    [ro.opened, ro.refused, ro.unchanged].map((x) => (x ? 'yes' : 'no')).join(' / '),
    'yes / yes / yes',
    ro.opened && ro.refused && ro.unchanged,
  );
  const csv = csvLeaders();
  row(
    p,
    'CSV export: leading characters a formula may hide behind, neutralised',
    `${csv.neutralised}/${csv.leaders}`,
    'all',
    csv.neutralised === csv.leaders,
  );
  const cadence = await time('saves under continuous edits', () => saveCadence(quick ? 3_000 : 10_000, 50));
  row(
    p,
    `an edit every 50 ms for ${quick ? 3 : 10} s: longest time from ok to on disk`,
    `${cadence.longestMs} ms (${cadence.edits} edits, ${cadence.saves} saves)`,
    '≤ 1,000 ms + one save',
    cadence.longestMs <= 1_500,
  );
}

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

async function xss(): Promise<void> {
  const p = '5 XSS';
  if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
    log('building the app for the XSS run…');
    run('npm', ['run', '-s', 'build']);
  }
  const dir = await mkdtemp(join(tmpdir(), 'kith-stress-xss-'));
  try {
    const figures = join(dir, 'figures.json');
    const r = await time('XSS corpus in Chromium', async () =>
      run('npx', ['playwright', 'test', 'tests/e2e/xss.spec.ts', '--project', 'browser', '--reporter', 'line'], {
        KITH_XSS_FIGURES: figures,
      }),
    );
    const passed = /(\d+) passed/.exec(r.stdout)?.[1] ?? '0';
    const failed = /(\d+) failed/.exec(r.stdout)?.[1] ?? '0';
    row(p, 'Playwright XSS specs passed / failed', `${passed} / ${failed}`, '3 / 0', passed === '3' && failed === '0');
    if (existsSync(figures)) {
      const x = JSON.parse(await readFile(figures, 'utf8')) as {
        payloads: number;
        views: string[];
        sentinel: unknown;
        violations: number;
        injected: number;
        dialogs: number;
        requests: number;
      };
      row(p, 'payloads × views rendered', `${x.payloads} × ${x.views.length}`, '', undefined);
      zero(
        p,
        'script executions (sentinel, alerts, injected elements or requests)',
        (x.sentinel === null ? 0 : 1) + x.dialogs + x.injected + x.requests,
      );
      zero(p, 'CSP violation reports (event + console)', x.violations);
    } else notes.push(`XSS: no figures written; Playwright said: ${(r.stdout + r.stderr).slice(-600)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function electron(): Promise<void> {
  const p = '6 Electron configuration';
  const fuses = fusesOf(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8'));
  const wrong = Object.entries(REQUIRED_FUSES).filter(([k, v]) => fuses[k] !== v);
  row(
    p,
    'fuses RunAsNode, NodeOptions, NodeCliInspect off (+ asar-only, integrity, no file:// privileges)',
    wrong.length ? `wrong: ${wrong.map(([k]) => k).join(', ')}` : 'as required',
    'as required',
    wrong.length === 0,
  );
  const dir = await mkdtemp(join(tmpdir(), 'kith-stress-vitest-'));
  try {
    const out = join(dir, 'vitest.json');
    await time('security and Electron unit tests', async () =>
      run('npx', ['vitest', 'run', 'tests/unit/security', 'tests/unit/electron', '--reporter=json', `--outputFile=${out}`]),
    );
    if (existsSync(out)) {
      const j = JSON.parse(await readFile(out, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numTodoTests?: number;
        numPendingTests?: number;
      };
      row(
        p,
        'checks passed / failed (window prefs, CSP, navigation, window.open, permissions, openExternal, IPC sender)',
        `${j.numPassedTests} / ${j.numFailedTests}`,
        '0 failed',
        j.numFailedTests === 0,
      );
    } else row(p, 'security and Electron unit tests', 'did not run', '', false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function audit(): void {
  const p = '6 npm audit';
  for (const [label, args] of [
    ['npm audit --omit=dev', ['audit', '--omit=dev', '--json']],
    ['npm audit', ['audit', '--json']],
  ] as const) {
    const r = run('npm', args);
    let counts: Record<string, number> | undefined;
    try {
      counts = (JSON.parse(r.stdout) as { metadata?: { vulnerabilities?: Record<string, number> } }).metadata?.vulnerabilities;
    } catch {
      counts = undefined;
    }
    if (counts) {
      const high = (counts['high'] ?? 0) + (counts['critical'] ?? 0);
      row(
        p,
        `${label}: high + critical`,
        `${high} (total ${counts['total'] ?? '?'})`,
        '0 or explained in docs/SECURITY-AUDIT.md',
        high === 0 ? true : undefined,
      );
    } else {
      const why =
        /(\d{3}) [A-Za-z ]+ - POST/.exec(r.stdout + r.stderr)?.[0] ??
        (r.stdout + r.stderr).split('\n').find((l) => /error/i.test(l)) ??
        'no answer';
      row(p, label, `not available here (${why.slice(0, 60)})`, 'see docs/SECURITY-AUDIT.md', undefined);
    }
  }
}

function table(): string {
  const header = ['point', 'figure', 'value', 'target', 'ok'];
  const lines = rows.map((r) => [r.point, r.figure, r.value, r.target, r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => `| ${cells.map((c, i) => c.replace(/\|/g, '/').padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      kills: { type: 'string' },
      control: { type: 'string' },
      lanes: { type: 'string', default: '2' },
      imports: { type: 'string' },
      payloads: { type: 'string' },
      requests: { type: 'string' },
      seed: { type: 'string', default: '20260601' },
      'skip-e2e': { type: 'boolean', default: false },
      'skip-audit': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const seed = Number(values.seed);
  const started = Date.now();
  await killDuringSave(
    Number(values.kills ?? (quick ? 50 : 500)),
    Number(values.control ?? (quick ? 30 : 200)),
    Number(values.lanes),
    seed,
  );
  await crashPoints();
  await corruptFiles(quick ? 10 : 100);
  await hostileImport(Number(values.imports ?? (quick ? 10_000 : 30_000)), seed, quick ? [] : [100, 400]);
  await apiFuzz(Number(values.payloads ?? (quick ? 1_000 : 5_000)), seed);
  await http(quick ? 300 : 2_000, seed);
  await hardening(quick, seed, Number(values.requests ?? (quick ? 10_000 : 30_000)));
  if (!values['skip-e2e']) await xss();
  await electron();
  if (!values['skip-audit']) audit();
  process.stdout.write(`${table()}\n`);
  for (const n of notes) process.stdout.write(`- ${n}\n`);
  process.stdout.write(
    `machine: ${process.platform} ${process.arch}, node ${process.version}, ${((Date.now() - started) / 60_000).toFixed(1)} min\n`,
  );
  if (rows.some((r) => r.ok === false)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`stress failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
