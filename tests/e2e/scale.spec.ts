import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { GraphSnapshot } from '../../renderer/src/api/bridge';
import type { KithFile } from '../../shared/domain/model';
import { expect, test } from './support/bigNetwork';

const ROOT = resolve(import.meta.dirname, '../..');

/** The probe's snapshot with every field (this app always fills them). */
type Snapshot = Required<GraphSnapshot>;

async function snapshot(page: Page): Promise<Snapshot | null> {
  return page.evaluate(() => (window.__kithGraph?.snapshot() ?? null) as Snapshot | null);
}

async function ready(page: Page): Promise<Snapshot> {
  await expect.poll(async () => (await snapshot(page))?.readyAt ?? null, { timeout: 60_000 }).not.toBeNull();
  await expect.poll(async () => (await snapshot(page))?.layoutRunning, { timeout: 60_000 }).toBe(false);
  return (await snapshot(page)) as Snapshot;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(2, 400);
  await page.waitForTimeout(500);
  await page.screenshot({ path: resolve(ROOT, 'docs', name) });
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('5,000 people: grouped first picture, search lands on a person, Living ties only, an ego view, PNG export', async ({ page, big }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  const file = JSON.parse(await readFile(big.dataPath, 'utf8')) as KithFile;
  const others = file.people.length - 1;

  await page.goto(big.url);
  const first = await ready(page);
  expect(first.groups.length, 'a 5,000-person network is drawn as groups').toBeGreaterThan(20);
  expect(
    first.nodes.map((n) => n.label),
    'and me, not 5,000 people',
  ).toEqual(['Me']);
  expect(first.renderer).toBe('canvas');
  await expect(page.getByTestId('view-shown')).toHaveAttribute('data-people', String(others));
  await expect(page.getByTestId('view-group')).toHaveValue('company');
  await expect(page.getByTestId('legend-group')).toBeVisible();
  await shot(page, 'screenshot-scale-overview.png');

  // Find a person by name (Ctrl+F), land on them: their group opens around them, they are selected and centred.
  const target = file.people[1234] as KithFile['people'][number];
  await page.keyboard.press('Control+f');
  const search = page.getByTestId('toolbar-search');
  await expect(search).toBeFocused();
  await search.fill(target.name);
  await expect(page.getByRole('option').first()).toContainText(target.name);
  await search.press('Enter');
  await expect(page.getByTestId('panel-title')).toHaveText(target.name);
  await expect.poll(async () => (await snapshot(page))?.nodes.find((n) => n.id === target.id)?.classes ?? []).toContain('selected');
  await page.waitForTimeout(500);
  const box = (await page.getByTestId('graph').boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  const at = await page.evaluate((id) => window.__kithGraph?.pagePoint('node', id) ?? null, target.id);
  expect(at, 'the person is drawn').not.toBeNull();
  expect(Math.abs((at?.x ?? 0) - (box.x + box.width / 2)), 'centred across').toBeLessThan(box.width / 4);
  expect(at?.y ?? 0, 'below the view bar, on screen').toBeGreaterThan(box.y + 100);
  expect(at?.y ?? 0).toBeLessThan(box.y + box.height - 40);

  // Living ties only: counts of shown and hidden, and only Living ties drawn.
  const living = file.ties.filter((t) => t.origin === 'living');
  const livingPeople = new Set(living.flatMap((t) => [t.a, t.b]));
  livingPeople.delete(file.meId);
  await page.getByTestId('view-filters').click();
  await page.getByTestId('filter-origin-living').check();
  await expect(page.getByTestId('view-shown')).toHaveAttribute('data-ties', String(living.length));
  await expect(page.getByTestId('view-shown')).toHaveAttribute('data-people', String(livingPeople.size));
  await expect(page.getByTestId('filter-counts')).toContainText(`${(others - livingPeople.size).toLocaleString('en')} hidden`);
  await expect(page.getByTestId('view-counts')).toContainText(
    `Showing ${livingPeople.size.toLocaleString('en')} of ${others.toLocaleString('en')} people`,
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('filter-panel')).toBeHidden();
  const filtered = await ready(page);
  expect(filtered.aggregates).toBeGreaterThan(0);
  expect(filtered.aggregateOrigins).toEqual(['living']);
  for (const e of filtered.edges) expect(e.origin).toBe('living');
  // The whole filtered picture, nobody selected.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'overview');
  await page.keyboard.press('f');
  await shot(page, 'screenshot-scale-filter.png');

  // The ego view of someone with Living ties among contacts, two hops out.
  const hub =
    [...livingPeople].find(
      (id) => living.filter((t) => (t.a === id || t.b === id) && t.a !== file.meId && t.b !== file.meId).length >= 3,
    ) ?? '';
  const hubName = file.people.find((p) => p.id === hub)?.name ?? '';
  await search.fill(hubName);
  await search.press('Enter');
  await expect(page.getByTestId('panel-title')).toHaveText(hubName);
  await page.getByTestId('view-ego').click();
  await expect(page.getByTestId('ego-chip')).toContainText(hubName);
  await page.getByTestId('ego-hops-2').click();
  const ego = await ready(page);
  const near = new Set([hub]);
  for (let hop = 0; hop < 2; hop++)
    for (const t of living) {
      const [a, b] = [t.a as string, t.b as string];
      if (near.has(a) && a !== file.meId) near.add(b);
      else if (near.has(b) && b !== file.meId) near.add(a);
    }
  expect(ego.groups, 'a small ego view draws people one by one').toEqual([]);
  expect(ego.nodes.some((n) => n.id === hub)).toBe(true);
  for (const n of ego.nodes) expect(near.has(n.id), `${n.label} is within two Living hops`).toBe(true);
  const centre = ego.nodes.find((n) => n.id === hub);
  expect(Math.hypot(centre?.x ?? 1, centre?.y ?? 1), 'the ego sits in the middle').toBeLessThan(1);
  await shot(page, 'screenshot-scale-ego.png');

  // Export the view as PNG: a real PNG, twice the canvas size.
  const download = page.waitForEvent('download');
  await page.getByTestId('view-export').click();
  await page.getByTestId('export-png').click();
  const file1 = await download;
  expect(file1.suggestedFilename()).toMatch(/^kith-view-\d{4}-\d{2}-\d{2}\.png$/);
  const bytes = await readFile((await file1.path()) as string);
  const size = pngSize(bytes);
  expect(size.width).toBeGreaterThanOrEqual(Math.round(box.width * 2) - 2);
  expect(size.width).toBeLessThanOrEqual(Math.round(box.width * 2) + 2);
  expect(size.height).toBeGreaterThanOrEqual(Math.round(box.height * 2) - 2);
  expect(bytes.length).toBeGreaterThan(10_000);
  // And as SVG: a vector drawing with the people's names as text.
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('view-export').click();
  await page.getByTestId('export-svg').click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
  const svg = await readFile((await svgFile.path()) as string, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain(hubName.split(' ')[0] ?? '');

  // Leaving the ego view and the filter brings the groups back where they were.
  await page.getByTestId('ego-close').click();
  await page.getByTestId('view-filters').click();
  await page.getByTestId('filter-clear').click();
  await page.keyboard.press('Escape');
  const back = await ready(page);
  const again = new Map(back.groups.map((g) => [g.id, [g.x, g.y]]));
  for (const g of first.groups.slice(0, 10)) expect(again.get(g.id), g.label).toEqual([g.x, g.y]);
  expect(problems).toEqual([]);
});

test('5,000 people: a group opens in place, layouts switch, a long layout shows progress and cancels, positions survive a reload', async ({
  page,
  big,
}) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(big.url);
  const first = await ready(page);

  // Click a group: its people appear around where it stood.
  const group = [...first.groups].sort((a, b) => b.count - a.count)[3] ?? first.groups[0];
  const point = await page.evaluate((id) => window.__kithGraph?.pagePoint('group', id) ?? null, group?.id ?? '');
  await page.mouse.click(point?.x ?? 0, point?.y ?? 0);
  await expect.poll(async () => (await snapshot(page))?.groups.find((g) => g.id === group?.id)?.expanded).toBe(true);
  const open = (await snapshot(page)) as Snapshot;
  expect(open.nodes.length).toBe(1 + (group?.count ?? 0));
  const members = open.nodes.filter((n) => !n.isMe);
  const cx = members.reduce((s, n) => s + n.x, 0) / members.length;
  const cy = members.reduce((s, n) => s + n.y, 0) / members.length;
  expect(Math.hypot(cx - (group?.x ?? 0), cy - (group?.y ?? 0)), 'members gather where the group stood').toBeLessThan(120);
  await page.keyboard.press('c');
  await expect.poll(async () => (await snapshot(page))?.groups.find((g) => g.id === group?.id)?.expanded).toBe(false);

  // Shift-click picks several groups without opening them.
  const two = [...first.groups].sort((a, b) => b.count - a.count).slice(5, 7);
  for (const g of two) {
    const p = await page.evaluate((id) => window.__kithGraph?.pagePoint('group', id) ?? null, g.id);
    await page.keyboard.down('Shift');
    await page.mouse.click(p?.x ?? 0, p?.y ?? 0);
    await page.keyboard.up('Shift');
  }
  await expect(page.getByTestId('multi-bar')).toContainText('2 picked');
  const picked = (await snapshot(page)) as Snapshot;
  for (const g of two) expect(picked.groups.find((x) => x.id === g.id)?.classes).toContain('picked');
  expect(picked.groups.every((x) => !x.expanded)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('multi-bar')).toBeHidden();

  // Force, then clusters: each a layout of the groups, each quick at this size.
  for (const layout of ['force', 'clusters'] as const) {
    const before = (await snapshot(page))?.layoutRuns ?? 0;
    await page.getByTestId('view-layout').selectOption(layout);
    await expect.poll(async () => (await snapshot(page))?.layoutRuns).toBeGreaterThan(before);
  }
  const placed = await ready(page);
  await page.waitForTimeout(2500);
  await page.reload();
  const reopened = await ready(page);
  await expect(page.getByTestId('view-layout')).toHaveValue('clusters');
  const saved = new Map(placed.groups.map((g) => [g.id, [Math.round(g.x), Math.round(g.y)]]));
  for (const g of reopened.groups) expect([Math.round(g.x), Math.round(g.y)], g.label).toEqual(saved.get(g.id));

  // Everyone with a strong Doing tie, one by one, then ForceAtlas2 on them: slow enough to show progress, and Cancel keeps the picture.
  await page.getByTestId('view-filters').click();
  await page.getByTestId('filter-origin-doing').check();
  await page.getByTestId('filter-strength').selectOption('5');
  await page.keyboard.press('Escape');
  await page.getByTestId('view-group').selectOption('none');
  const people = await ready(page);
  expect(people.groups).toEqual([]);
  expect(people.nodes.length).toBeGreaterThan(1000);
  const sample = people.nodes.slice(0, 20).map((n) => [n.id, n.x, n.y]);
  await page.getByTestId('view-layout').selectOption('force');
  const progress = page.getByTestId('layout-progress');
  await expect(progress).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => Number(await progress.getAttribute('data-done'))).toBeGreaterThan(0);
  await page.getByTestId('layout-cancel').click();
  await expect(progress).toBeHidden();
  const after = (await snapshot(page)) as Snapshot;
  expect(after.layoutRunning).toBe(false);
  const now = new Map(after.nodes.map((n) => [n.id, [n.x, n.y]]));
  for (const [id, x, y] of sample) expect(now.get(id as string), 'cancel keeps the picture').toEqual([x, y]);
  expect(problems).toEqual([]);
});

test('the WebGL renderer (forced; software GL here, so never chosen by itself) draws the grouped view and answers taps', async ({
  page,
  big,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await page.addInitScript(() => window.localStorage.setItem('kith.renderer', 'webgl'));
  await page.goto(big.url);
  const first = await ready(page);
  expect(first.renderer).toBe('webgl');
  await expect(page.locator('canvas[data-id="layer3-webgl"]')).toHaveCount(1);
  // Something is drawn: the graph's pixels are not all one colour.
  const shot = await page.getByTestId('graph').screenshot();
  expect(new Set(shot.subarray(shot.length - 200_000).values()).size).toBeGreaterThan(20);
  // A tap reaches a group through WebGL picking.
  const group = [...first.groups].sort((a, b) => b.count - a.count)[0];
  const p = await page.evaluate((id) => window.__kithGraph?.pagePoint('group', id) ?? null, group?.id ?? '');
  await page.mouse.click(p?.x ?? 0, p?.y ?? 0);
  await expect.poll(async () => (await snapshot(page))?.groups.find((g) => g.id === group?.id)?.expanded, { timeout: 30_000 }).toBe(true);
  // Box selection (Shift + drag) picks what the box covers.
  await page.keyboard.press('c');
  const box = (await page.getByTestId('graph').boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.75, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('multi-bar')).toContainText('picked');
  expect(problems).toEqual([]);
});
