import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import playwrightConfig, { CHROMIUM_PATH } from '../../playwright.config.js';
import { createBackend } from '../../electron/backend/backend.js';
import { startHttpServer } from '../../electron/server/httpServer.js';
import { serializeKithFile } from '../../shared/data/fileFormat.js';
import type { KithFile } from '../../shared/domain/model.js';
import { concentricLayout } from '../../renderer/src/graph/layout.js';
import { generateNetwork } from '../../tests/fixtures/generate/network.js';
import { median, type BenchCase, type BenchRow } from '../harness.js';
import type { GraphProbe } from '../../renderer/src/api/bridge.js';
import type { PeerProbe } from '../peers/sigma/main.js';

/*
 * Rendering at scale, in Debian's Chromium (headless, software GL), side by
 * side with sigma.js in the same run:
 *
 * - first picture on screen: from navigation start (the page's time origin)
 *   until the frame that shows the first picture has been committed, taken
 *   as the start of the task the page posts in that frame (a MessageChannel
 *   message): Chromium runs it once the frame's commit is done. Ours posts
 *   it at the graph's `kith:graph-ready` mark (its first laid-out picture
 *   drawn by Cytoscape); network fetch, parse, grouping, layout and the
 *   draw are all inside. The peer, sigma.js drawing the whole graph (every
 *   node and edge, positions precomputed), posts it in the first animation
 *   frame after its constructor's render. The start of that frame is not
 *   the time its picture exists: here, on software GL, sigma's WebGL draw
 *   is carried out in the frame's commit (Chromium reads the canvas back,
 *   GLES2::ReadPixels, and the main thread waits for it; ~0.4 s at 1,000
 *   people in a trace), so it is given in the note, not compared.
 * - first useful, interactive picture: in that task, both pages are tapped
 *   on me and timed at the first animation frame after the tap's visible
 *   answer (our side panel showing me; sigma highlighting me and naming me
 *   in a panel). The same steps on both sides.
 * - pan/zoom: mean time between animation frames over 80 frames (at least
 *   6, within 20 s, for a peer that needs seconds per frame), each frame
 *   panning a few pixels and every other frame zooming by 1.5 %; the same
 *   steps for the peer through its camera.
 * - layouts: each layout of what is drawn (the grouped view above 500
 *   people), from the request until its positions are on the graph, worker
 *   time included.
 *
 * Each figure is the median of KITH_BENCH_RUNS (default 3) fresh pages on a
 * fresh copy of the data file (no saved positions).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SIZES = (process.env.KITH_BENCH_SIZES ?? '1000,5000,30000').split(',').map(Number);
const RUNS = Math.max(1, Number(process.env.KITH_BENCH_RUNS ?? 3));
const FRAMES = 80;
/** A peer that takes seconds per frame (sigma.js at 30,000 here) is measured over fewer frames: at least this many, within this budget. */
const MIN_FRAMES = 6;
const FRAME_BUDGET_MS = 20_000;
const VIEWPORT = { width: 1400, height: 900 };
const LAYOUT_NAMES = ['around-me', 'force', 'clusters'] as const;
const ORIGIN_COLOURS: Readonly<Record<string, string>> = { living: '#009E73', doing: '#D55E00', unknown: '#999999' };

interface OursRun {
  readonly interactive: number;
  readonly ready: number;
  /** When the task after the first picture's frame ran: the frame committed, the page free to take input. */
  readonly committed: number;
  readonly frame: number;
  readonly drawnNodes: number;
  readonly drawnEdges: number;
  readonly mode: string;
}

declare global {
  interface Window {
    __bench?: { ready?: number; committed?: number; tapped?: number; interactive?: number; error?: string };
  }
}

function launchArgs(): string[] {
  const use = playwrightConfig.use as { launchOptions?: { args?: string[] } } | undefined;
  return use?.launchOptions?.args ?? ['--no-sandbox'];
}

export function networkOf(people: number): KithFile {
  return generateNetwork({ people, extraTies: Math.round(people * 2.3), communities: Math.max(3, Math.round(people / 100)) });
}

/** The peer's graph: every person and tie, at the concentric positions of the whole network. */
function peerGraph(doc: KithFile): string {
  const positions = concentricLayout(doc);
  const nodes = doc.people.map((p) => {
    const at = positions.get(p.id) ?? { x: 0, y: 0 };
    const isMe = p.id === doc.meId;
    return [p.id, at.x, at.y, isMe ? 12 : 3, isMe ? '#1f3a5f' : '#8c96a3', p.name] as const;
  });
  const edges = doc.ties.map((t) => [t.a, t.b, ORIGIN_COLOURS[t.origin] ?? '#999999'] as const);
  return JSON.stringify({ nodes, edges, me: doc.meId });
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** A static file server for the peer page and its data, on 127.0.0.1. */
async function serveStatic(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')));
    if (!path.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(path).then(
      (body) =>
        res.writeHead(200, { 'Content-Type': MIME[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/*
 * Scripts that run in the page are plain strings: tsx compiles this file with
 * esbuild's keepNames, whose `__name` helper does not exist in the page.
 */

/** Mean frame time over FRAMES animation frames, each panning (and every other one zooming) through `step`. */
async function panZoom(page: Page, target: 'kith' | 'peer'): Promise<number> {
  const step = target === 'kith' ? 'window.__kithGraph.viewportStep(dx, dy, f)' : 'window.__peer.step(dx, dy, f)';
  return page.evaluate(`(async () => {
    const deltas = [];
    let last = performance.now();
    const t0 = performance.now();
    for (let i = 0; i < ${FRAMES}; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      if (i > 0) deltas.push(now - last);
      last = now;
      if (deltas.length >= ${MIN_FRAMES} && now - t0 > ${FRAME_BUDGET_MS}) break;
      const dir = i % 40 < 20 ? 1 : -1;
      const dx = 6 * dir, dy = 3 * dir, f = i % 2 === 0 ? 1 : dir > 0 ? 1.015 : 1 / 1.015;
      ${step};
    }
    return deltas.reduce((a, b) => a + b, 0) / deltas.length;
  })()`) as Promise<number>;
}

/**
 * Page script: at the first `performance.mark(name)` (seen through a wrapper, as it happens), notes its time as
 * `bench.ready` and posts `tapMe` as a task (a MessageChannel message), which runs once the frame is committed.
 */
function postTapAtMark(name: string): string {
  return `const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    if (name === '${name}' && bench.ready === undefined) {
      bench.ready = entry.startTime;
      const channel = new MessageChannel();
      channel.port1.onmessage = tapMe;
      channel.port2.postMessage(null);
    }
    return entry;
  };`;
}

/**
 * Taps me on the graph as soon as it marks `kith:graph-ready`, and notes the first animation frame after the tap has
 * been handled: Cytoscape's tap on me reached the app (`kith:tap`) and its visible result, the side panel showing a
 * person, is in the page.
 *
 * - The app marks `kith:graph-ready` when Cytoscape has drawn the first picture, in the frame that shows it.
 * - The tap goes out in a task posted at the mark (a MessageChannel message), seen through a wrapper of
 *   `performance.mark`: it runs once that frame has been committed, as a user's click would. Its start is the
 *   "first picture on screen" figure. (A PerformanceObserver would be delivered in a low-priority task that can come
 *   a frame or more later, charging its delay to the app.)
 * - The tap mark is read straight after the synchronous dispatch; then the first `requestAnimationFrame` after
 *   the side panel shows a person.
 */
const READY_TAP_SCRIPT = `(() => {
  const bench = {};
  window.__bench = bench;
  const painted = () => requestAnimationFrame(() => { bench.interactive = performance.now(); });
  const tapMe = () => {
    bench.committed = performance.now();
    const probe = window.__kithGraph;
    const me = probe && probe.snapshot().nodes.find((n) => n.isMe);
    const p = me ? probe.pagePoint('node', me.id) : null;
    const target = p ? document.elementFromPoint(p.x, p.y) : null;
    if (!p || !target) { bench.error = 'nothing to tap at ready'; return; }
    const panel = document.querySelector('[data-testid="side-panel"]');
    if (!panel || panel.getAttribute('data-kind') === 'person') { bench.error = 'the side panel is missing or already shows a person'; return; }
    for (const type of ['mousedown', 'mouseup']) {
      target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: p.x, clientY: p.y, button: 0, buttons: type === 'mousedown' ? 1 : 0, view: window }));
    }
    const tap = performance.getEntriesByName('kith:tap').find((m) => m.startTime >= bench.ready);
    if (!tap) { bench.error = 'the tap on me was not handled'; return; }
    bench.tapped = tap.startTime;
    if (panel.getAttribute('data-kind') === 'person') painted();
    else new MutationObserver((_, mo) => {
      if (panel.getAttribute('data-kind') !== 'person') return;
      mo.disconnect();
      painted();
    }).observe(panel, { attributes: true, attributeFilter: ['data-kind'] });
  };
  ${postTapAtMark('kith:graph-ready')}
})();`;

/**
 * The same for the peer: the task is posted in the first animation frame after sigma's render (`sigma:drawn`), and
 * taps me with pointer events (what sigma listens to) on whatever is drawn where me is; sigma must report the click
 * on me (clickNode), and its answer (me highlighted, my name in a panel) is timed at the first animation frame after
 * it, in which sigma redraws.
 */
const PEER_TAP_SCRIPT = `(() => {
  const bench = {};
  window.__bench = bench;
  const tapMe = () => {
    bench.committed = performance.now();
    const peer = window.__peer;
    const p = peer ? peer.pagePoint(peer.me) : null;
    const target = p ? document.elementFromPoint(p.x, p.y) : null;
    if (!p || !target) { bench.error = 'nothing to tap at the first frame'; return; }
    for (const type of ['pointerdown', 'pointerup']) {
      target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, composed: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, clientX: p.x, clientY: p.y, button: 0, buttons: type === 'pointerdown' ? 1 : 0, view: window }));
    }
    if (peer.clicked !== peer.me) { bench.error = 'the tap on me was not reported by sigma'; return; }
    bench.tapped = performance.now();
    requestAnimationFrame(() => { bench.interactive = performance.now(); });
  };
  ${postTapAtMark('sigma:drawn')}
})();`;

async function armReadyTap(page: Page): Promise<void> {
  await page.addInitScript(READY_TAP_SCRIPT);
}

/**
 * A fresh browser for each measurement: sigma.js at 30,000 leaves Chromium's
 * GPU process (SwiftShader) busy for seconds after its page closes, which
 * would be charged to whatever runs next.
 */
async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: launchArgs(), headless: true });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

async function measureOurs(url: string): Promise<OursRun> {
  return withBrowser((browser) => oursIn(browser, url));
}

async function oursIn(browser: Browser, url: string): Promise<OursRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    if (process.env.KITH_BENCH_DEBUG) {
      page.on('console', (m) => process.stderr.write(`page: ${m.text()}\n`));
      page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
      page.on('response', (r) => process.stderr.write(`page response: ${r.status()} ${r.url().slice(0, 120)}\n`));
    }
    await armReadyTap(page);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench?.interactive !== undefined || window.__bench?.error !== undefined, undefined, {
      timeout: 180_000,
      polling: 50,
    });
    const bench = await page.evaluate(() => window.__bench);
    if (!bench || bench.error || bench.interactive === undefined || bench.ready === undefined || bench.committed === undefined)
      throw new Error(bench?.error ?? 'no ready mark');
    await page.waitForTimeout(400);
    const frame = await panZoom(page, 'kith');
    const snap = await page.evaluate(() => {
      const s = (window.__kithGraph as GraphProbe).snapshot();
      const groups = s.groups?.length ?? 0;
      return { nodes: s.nodes.length + groups, edges: s.edges.length + (s.aggregates ?? 0), mode: groups > 0 ? 'grouped' : 'people' };
    });
    return {
      interactive: bench.interactive,
      ready: bench.ready,
      committed: bench.committed,
      frame,
      drawnNodes: snap.nodes,
      drawnEdges: snap.edges,
      mode: snap.mode,
    };
  } finally {
    await context.close();
  }
}

interface PeerRun {
  readonly drawn: number;
  readonly committed: number;
  readonly interactive: number;
  readonly frame: number;
  readonly nodes: number;
  readonly edges: number;
}

async function measurePeer(url: string): Promise<PeerRun> {
  return withBrowser((browser) => peerIn(browser, url));
}

async function peerIn(browser: Browser, url: string): Promise<PeerRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(PEER_TAP_SCRIPT);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench?.interactive !== undefined || window.__bench?.error !== undefined, undefined, {
      timeout: 300_000,
      polling: 50,
    });
    const bench = await page.evaluate(() => window.__bench);
    const peer = (await page.evaluate(() => ({ ...window.__peer }))) as PeerProbe;
    if (!bench || bench.error || bench.interactive === undefined || bench.committed === undefined)
      throw new Error(`sigma.js peer: ${bench?.error ?? 'no first frame'}`);
    await page.waitForTimeout(400);
    const frame = await panZoom(page, 'peer');
    return {
      drawn: peer.drawnAt ?? Number.NaN,
      committed: bench.committed,
      interactive: bench.interactive,
      frame,
      nodes: peer.nodes,
      edges: peer.edges,
    };
  } finally {
    await context.close();
  }
}

/** Layout times on the drawn view of a fresh page: each layout RUNS times, medians. */
async function measureLayouts(url: string): Promise<Record<(typeof LAYOUT_NAMES)[number], number>> {
  return withBrowser((browser) => layoutsIn(browser, url));
}

async function layoutsIn(browser: Browser, url: string): Promise<Record<(typeof LAYOUT_NAMES)[number], number>> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (window.__kithGraph?.snapshot().readyAt ?? null) !== null, undefined, { timeout: 180_000 });
    const out = {} as Record<(typeof LAYOUT_NAMES)[number], number>;
    for (const name of LAYOUT_NAMES) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await page.evaluate((n) => (window.__kithGraph as GraphProbe).runLayoutForBench(n), name));
      out[name] = median(times);
    }
    return out;
  } finally {
    await context.close();
  }
}

/** Serves the app on a fresh copy of the network (no saved view unless `view` is given) for one measurement. */
async function withApp<T>(dir: string, doc: KithFile, appDir: string, fn: (url: string) => Promise<T>): Promise<T> {
  const dataPath = join(dir, `kith-${doc.people.length}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(dataPath, serializeKithFile(doc));
  const backend = await createBackend({ dataPath, watch: false });
  const server = await startHttpServer({ backend, staticDir: appDir, port: 0 });
  try {
    return await fn(server.url);
  } finally {
    await server.close();
    await backend.close();
    await rm(dataPath, { force: true });
  }
}

const fmt = (n: number) => n.toLocaleString('en');

export const benchCase: BenchCase = {
  group: 'render',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(join(tmpdir(), 'kith-bench-render-'));
    const appDir = join(dir, 'app');
    const peerDir = join(dir, 'sigma');
    await build({
      configFile: resolve(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: appDir, emptyOutDir: true, sourcemap: false },
    });
    await build({
      configFile: false,
      root: resolve(ROOT, 'bench/peers/sigma'),
      base: './',
      logLevel: 'warn',
      build: { outDir: peerDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
    });
    const peerServer = await serveStatic(peerDir);
    const rows: BenchRow[] = [];
    try {
      for (const n of SIZES) {
        const doc = networkOf(n);
        await writeFile(join(peerDir, `graph-${n}.json`), peerGraph(doc));
        const ours: OursRun[] = [];
        const peer: PeerRun[] = [];
        for (let r = 0; r < RUNS; r++) {
          ours.push(await withApp(dir, doc, appDir, (url) => measureOurs(url)));
          peer.push(await measurePeer(`${peerServer.url}/index.html?data=graph-${n}.json`));
        }
        const first = median(ours.map((o) => o.interactive));
        const ready = median(ours.map((o) => o.ready));
        const peerDrawn = median(peer.map((p) => p.drawn));
        const peerFirst = median(peer.map((p) => p.interactive));
        const committed = median(ours.map((o) => o.committed));
        const peerCommitted = median(peer.map((p) => p.committed));
        const frame = median(ours.map((o) => o.frame));
        const peerFrame = median(peer.map((p) => p.frame));
        const o = ours[0] as OursRun;
        const p = peer[0] as PeerRun;
        const drawn = `${o.mode === 'grouped' ? 'grouped view' : 'everyone'}: ${fmt(o.drawnNodes)} nodes, ${fmt(o.drawnEdges)} edges drawn`;
        const peerWhat = `sigma.js, full graph (${fmt(p.nodes)} nodes, ${fmt(p.edges)} edges)`;
        const within2s = n < 30_000 || first <= 2000;
        rows.push({
          group: 'render',
          what: `first picture on screen, ${fmt(n)} people (${drawn})`,
          ms: committed,
          peer: { what: `${peerWhat}, first picture on screen`, ms: peerCommitted },
          target: '≤ peer',
          pass: committed <= peerCommitted,
          note: `the frame that shows it committed (the next task ran); that frame began at ${ready.toFixed(0)} ms for ours (graph-ready mark), ${peerDrawn.toFixed(0)} ms for the peer (its WebGL draw is carried out in the commit)`,
        });
        rows.push({
          group: 'render',
          what: `first interactive picture, ${fmt(n)} people (${drawn})`,
          ms: first,
          peer: { what: `${peerWhat}, first frame, then the same tap`, ms: peerFirst },
          target: n >= 30_000 ? '≤ peer and ≤ 2000 ms' : '≤ peer',
          pass: first <= peerFirst && within2s,
          note: `a tap on me right after the first picture, handled and painted (side panel / highlight): ${(first - ready).toFixed(0)} ms after ours, ${(peerFirst - peerDrawn).toFixed(0)} ms after the peer's; against the start of the peer's first frame alone ${(first / peerDrawn).toFixed(2)}×`,
        });
        rows.push({
          group: 'render',
          what: `pan/zoom mean frame, ${fmt(n)} people (${drawn})`,
          ms: frame,
          peer: { what: `${peerWhat}, same steps`, ms: peerFrame },
          target: '≤ 1.5× peer',
          pass: frame <= 1.5 * peerFrame,
        });
        const layouts = await withApp(dir, doc, appDir, (url) => measureLayouts(url));
        for (const name of LAYOUT_NAMES) {
          const ms = layouts[name];
          rows.push({
            group: 'render',
            what: `layout "${name}", ${fmt(n)} people, on the ${o.mode === 'grouped' ? `grouped view (${fmt(o.drawnNodes)} nodes)` : 'whole network'}${name === 'force' ? ', in a worker' : ''}`,
            ms,
            target: '≤ 5000 ms, or progress + cancel',
            // Force runs in the worker with progress and Cancel, so a slow one still passes; the others must stay quick.
            pass: ms <= 5000 || name === 'force',
          });
        }
      }
      // The people view of a small network: everyone drawn one by one, as the app does up to 500 people (2,500 on request).
      const small = networkOf(1000);
      const everyone: OursRun[] = [];
      for (let r = 0; r < RUNS; r++) {
        everyone.push(await withApp(dir, { ...small, view: { layout: 'around-me/none' } }, appDir, (url) => measureOurs(url)));
      }
      const e0 = everyone[0] as OursRun;
      rows.push({
        group: 'render',
        what: `first interactive picture, 1,000 people drawn one by one on request ("Everyone": ${fmt(e0.drawnNodes)} nodes, ${fmt(e0.drawnEdges)} edges)`,
        ms: median(everyone.map((r) => r.interactive)),
        target: 'reported (the default groups above 500)',
        pass: true,
        note: `pan/zoom mean frame ${median(everyone.map((r) => r.frame)).toFixed(1)} ms`,
      });
    } finally {
      await peerServer.close();
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
