import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { GraphSnapshot } from '../../renderer/src/api/bridge';
import { expect, test } from './support/server';

const ROOT = resolve(import.meta.dirname, '../..');
const LIVING = '#009E73';

async function graph(page: Page): Promise<GraphSnapshot> {
  // Before the graph is mounted (first paint, after a reload) there is nothing to see yet.
  await page.waitForFunction(() => window.__kithGraph !== undefined);
  return page.evaluate(() => (window.__kithGraph as NonNullable<typeof window.__kithGraph>).snapshot());
}

async function pagePoint(page: Page, kind: 'node' | 'edge', id: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(([k, i]) => window.__kithGraph?.pagePoint(k as 'node' | 'edge', i as string) ?? null, [
    kind,
    id,
  ] as const);
  if (!point) throw new Error(`no ${kind} ${id} on the graph`);
  return point;
}

/** Toasts sit over the bottom of the graph: clear them before clicking the canvas there. */
/** Opens the app on an empty file, takes the example network, and clicks a person on the graph. */
async function openExampleOn(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('empty-example').click();
  await expect.poll(async () => (await graph(page)).nodes.length).toBe(13);
  const node = (await graph(page)).nodes.find((n) => n.label === name);
  const point = await pagePoint(page, 'node', node?.id ?? '');
  await page.mouse.click(point.x, point.y);
  await expect(page.getByTestId('panel-title')).toHaveText(name);
}

async function dismissToasts(page: Page): Promise<void> {
  const close = page.getByTestId('toast').getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
}

interface FileOnDisk {
  meId: string;
  people: Array<{ id: string; name: string }>;
  ties: Array<{ id: string; a: string; b: string; origin: string; activity?: string; strength?: number }>;
}

async function readDataFile(path: string): Promise<FileOnDisk | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FileOnDisk;
  } catch {
    return null;
  }
}

/** The tie between me and the person called `name` in the file on disk, once saved. */
async function tieOnDisk(path: string, name: string) {
  const file = await readDataFile(path);
  const person = file?.people.find((p) => p.name === name);
  if (!file || !person) return null;
  return file.ties.find((t) => (t.a === person.id && t.b === file.meId) || (t.b === person.id && t.a === file.meId)) ?? null;
}

test('first run, example, add Ada, connect with a Living tie, reload, delete and undo', async ({ page, kith }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });

  await page.goto(kith.url);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  expect(page.url(), 'the token leaves the address bar').not.toContain('token=');
  await expect(page.getByTestId('empty-import')).toBeVisible();
  await expect(page.getByTestId('empty-import')).toHaveText(/Import your LinkedIn export/);

  // The example network.
  await page.getByTestId('empty-example').click();
  await expect(page.getByTestId('empty-state')).toBeHidden();
  await expect.poll(async () => (await graph(page)).nodes.length).toBe(13);
  const example = await graph(page);
  const me = example.nodes.find((n) => n.isMe);
  expect(me, 'me is drawn').toBeTruthy();
  expect(Math.hypot(me?.x ?? 1, me?.y ?? 1), 'me at the centre').toBeLessThan(1);
  for (const e of example.edges) {
    if (e.source === me?.id || e.target === me?.id) expect(e.target, 'me holds the target end of my ties').toBe(me?.id);
  }
  const colours = Object.fromEntries(example.edges.map((e) => [e.origin, e.color]));
  expect(colours).toEqual({ living: LIVING, doing: '#D55E00', unknown: '#999999' });
  const dashes = Object.fromEntries(example.edges.map((e) => [e.origin, e.dash]));
  expect(dashes.living, 'Living ties are solid').toBe('');
  expect(dashes.doing, 'Doing ties are dashed').not.toBe('');
  expect(dashes.unknown, 'Unknown ties are dotted, unlike Doing').not.toBe(dashes.doing);
  await expect(page.getByTestId('legend')).toContainText('Living');
  await expect(page.getByTestId('legend')).toContainText('Doing');
  await expect(page.getByTestId('legend')).toContainText('Unknown');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.mouse.move(2, 300);
  await page.waitForTimeout(400);
  await mkdir(resolve(ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: resolve(ROOT, 'docs/screenshot-main.png') });

  // Add Ada through the dialog.
  await page.getByTestId('toolbar-add-person').click();
  const add = page.getByRole('dialog', { name: 'Add a person' });
  await expect(add).toBeVisible();
  await expect(page.getByTestId('add-name')).toBeFocused();
  await page.getByTestId('add-name').fill('Ada Example');
  await page.getByTestId('add-company').fill('Analytical Engines');
  await page.getByTestId('add-position').fill('Research Engineer');
  await page.getByTestId('add-tags').fill('mathematics, computing');
  await page.getByTestId('add-interests').fill('poetical science, accessibility');
  await page.getByTestId('add-submit').click();
  await expect(add).toBeHidden();
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'person');
  await expect(page.getByTestId('panel-title')).toHaveText('Ada Example');
  await expect.poll(async () => (await graph(page)).nodes.some((n) => n.label === 'Ada Example')).toBe(true);
  const before = await graph(page);
  const priyaBefore = before.nodes.find((n) => n.label === 'Priya Raman');

  // Connect me and Ada: a Living tie, curiosity conversation, strength 4.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'overview');
  await page.getByTestId('toolbar-connect').click();
  const connect = page.getByRole('dialog', { name: 'Connect two people' });
  await expect(connect).toBeVisible();
  await expect(page.getByTestId('connect-a')).toHaveValue('Me');
  await page.getByTestId('connect-b').fill('ada');
  await connect.getByRole('option', { name: /Ada Example/ }).click();
  await expect(page.getByTestId('connect-b')).toHaveValue('Ada Example');
  await page.getByTestId('connect-origin').getByRole('radio', { name: 'Living' }).click();
  await page.getByTestId('connect-activity').selectOption('curiosity-conversation');
  await page.getByTestId('connect-strength').getByRole('radio', { name: '4' }).click();
  await page.getByTestId('connect-notes').fill('Met at the library; talked about engines for an hour.');
  await page.getByTestId('connect-submit').click();
  await expect(connect).toBeHidden();
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'tie');
  await expect(page.getByTestId('panel-title')).toHaveText('Ada Example – Me');
  await expect(page.getByTestId('tie-origin').getByRole('radio', { name: 'Living' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('tie-activity')).toHaveValue('curiosity-conversation');
  await expect(page.getByTestId('tie-strength').getByRole('radio', { name: '4' })).toHaveAttribute('aria-checked', 'true');

  const after = await graph(page);
  const priyaAfter = after.nodes.find((n) => n.label === 'Priya Raman');
  expect(priyaAfter, 'existing people keep their places').toEqual(priyaBefore);
  await dismissToasts(page);
  await page.mouse.move(2, 300);
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(ROOT, 'test-results/tie-panel.png') });

  // The person panel, opened by clicking Ada on the canvas.
  const ada = after.nodes.find((n) => n.label === 'Ada Example');
  await dismissToasts(page);
  const adaPoint = await pagePoint(page, 'node', ada?.id ?? '');
  await page.mouse.click(adaPoint.x, adaPoint.y);
  await expect(page.getByTestId('panel-title')).toHaveText('Ada Example');
  await expect(page.getByTestId('person-ties')).toContainText('Living');
  await page.mouse.move(2, 300);
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(ROOT, 'test-results/person-panel.png') });

  // The file on disk holds the tie.
  await expect.poll(async () => (await tieOnDisk(kith.dataPath, 'Ada Example'))?.origin ?? null, { timeout: 15_000 }).toBe('living');
  const saved = await tieOnDisk(kith.dataPath, 'Ada Example');
  expect(saved).toMatchObject({ origin: 'living', activity: 'curiosity-conversation', strength: 4 });

  // Reload: Ada and the Living tie are still there, drawn in the Living colour.
  await page.reload();
  await expect.poll(async () => (await graph(page)).nodes.some((n) => n.label === 'Ada Example')).toBe(true);
  const reloaded = await graph(page);
  const tieId = saved?.id ?? '';
  const edge = reloaded.edges.find((e) => e.id === tieId);
  expect(edge).toMatchObject({ origin: 'living', color: LIVING, lineStyle: 'solid', target: reloaded.nodes.find((n) => n.isMe)?.id });

  // Select the tie on the canvas, delete it, undo from the toast.
  await dismissToasts(page);
  const mid = await pagePoint(page, 'edge', tieId);
  await page.mouse.click(mid.x, mid.y);
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'tie');
  await expect(page.getByTestId('panel-title')).toHaveText('Ada Example – Me');
  await page.getByTestId('tie-delete').click();
  await expect.poll(async () => (await graph(page)).edges.some((e) => e.id === tieId)).toBe(false);
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'overview');
  await page.getByTestId('toast-undo').click();
  await expect.poll(async () => (await graph(page)).edges.find((e) => e.id === tieId)?.color).toBe(LIVING);
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'tie');
  await expect.poll(async () => (await tieOnDisk(kith.dataPath, 'Ada Example'))?.id ?? null, { timeout: 15_000 }).toBe(tieId);

  // The same by keyboard: Delete, then Ctrl+Z; Ctrl+Shift+Z redoes.
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await graph(page)).edges.some((e) => e.id === tieId)).toBe(false);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await graph(page)).edges.some((e) => e.id === tieId)).toBe(true);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await graph(page)).edges.some((e) => e.id === tieId)).toBe(false);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await graph(page)).edges.some((e) => e.id === tieId)).toBe(true);

  expect(problems).toEqual([]);
});

test('editing a person saves on blur, and a refused save keeps the text and says why', async ({ page, kith }) => {
  await openExampleOn(page, kith.url, 'Mei Chen');

  await page.getByTestId('person-company').fill('Mei Research Ltd');
  await page.getByTestId('person-needs').fill('contract work, a studio');
  await page.getByTestId('person-needs').press('Enter');
  await page.getByTestId('person-company').focus();
  await page.getByTestId('person-position').focus();
  await expect(page.getByTestId('person-save')).toBeDisabled();
  await expect
    .poll(async () => {
      const file = await readDataFile(kith.dataPath);
      const p = file?.people.find((x) => x.name === 'Mei Chen') as { company?: string; needs?: string[] } | undefined;
      return p ? [p.company, p.needs] : null;
    })
    .toEqual(['Mei Research Ltd', ['contract work', 'a studio']]);

  // A name the backend refuses (over 200 characters): the text stays, the error shows.
  const long = 'M'.repeat(210);
  await page.getByTestId('person-name').fill(long);
  await page.getByTestId('person-name').press('Enter');
  await expect(page.getByTestId('person-name')).toHaveValue(long);
  await expect(page.getByTestId('person-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('toast').filter({ hasText: 'Could not save' })).toBeVisible();
  await page.getByTestId('person-name').fill('Mei Chen-Li');
  await page.getByTestId('person-save').click();
  await expect(page.getByTestId('panel-title')).toHaveText('Mei Chen-Li');
  await expect(page.getByTestId('person-name')).not.toHaveAttribute('aria-invalid', 'true');
});

test('text typed into a person and not saved when the window crashed is offered back when Kith opens again', async ({ page, kith }) => {
  await openExampleOn(page, kith.url, 'Mei Chen');
  const note = 'Ask about the screen-reader study; she is hiring in May.';
  await page.getByTestId('person-notes').fill(note);
  const meiNotes = async () =>
    ((await readDataFile(kith.dataPath))?.people.find((p) => p.name === 'Mei Chen') as { notes?: string } | undefined)?.notes;

  // The renderer crashes with the note typed but not saved (no blur, no Enter).
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined); // never answers: the page is gone
  await crashed;
  expect(await meiNotes(), 'the note never reached the file').toBeUndefined();

  const again = await page.context().newPage();
  await again.goto(kith.url);
  const toast = again.getByTestId('toast').filter({ hasText: 'Kith kept what you had typed before it last closed' });
  await expect(toast).toContainText('Mei Chen');
  await toast.getByTestId('toast-show-typed').click();
  await expect(again.getByTestId('panel-title')).toHaveText('Mei Chen');
  await expect(again.getByTestId('person-notes')).toHaveValue(note);
  await again.getByTestId('person-save').click();
  await expect
    .poll(
      async () => ((await readDataFile(kith.dataPath))?.people.find((p) => p.name === 'Mei Chen') as { notes?: string } | undefined)?.notes,
    )
    .toBe(note);

  // Saved, it is no longer offered: a third window opens without the toast.
  const third = await page.context().newPage();
  await third.goto(kith.url);
  await expect(third.getByTestId('stat-people')).toHaveText('12');
  await third.waitForTimeout(2500);
  await expect(third.getByTestId('toast').filter({ hasText: 'Kith kept what you had typed' })).toHaveCount(0);
});

test('a dialog holding typed text asks before it closes (Escape, ×, Cancel), and so does closing the page', async ({ page, kith }) => {
  await page.goto(kith.url);
  await page.getByTestId('empty-example').click();
  await expect.poll(async () => (await readDataFile(kith.dataPath))?.people.length ?? 0).toBe(13);
  const add = page.getByRole('dialog', { name: 'Add a person' });
  const ask = page.getByTestId('dialog-discard');

  // Nothing typed: Escape closes at once.
  await page.getByTestId('toolbar-add-person').click();
  await expect(add).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(add).toHaveCount(0);

  await page.getByTestId('toolbar-add-person').click();
  await page.getByTestId('add-notes').fill('Met at the accessibility meetup; ask about the screen-reader study.');
  await page.keyboard.press('Escape');
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Discard what you typed?');
  await expect(page.getByTestId('dialog-keep-editing')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(add).toBeVisible();
  await expect(page.getByTestId('add-notes')).toHaveValue('Met at the accessibility meetup; ask about the screen-reader study.');

  // A second Escape in a row, which Chrome turns into a plain close of the <dialog>, still asks.
  await page.getByTestId('add-notes').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(add).toBeVisible();
  await expect(page.getByTestId('add-notes')).toHaveValue('Met at the accessibility meetup; ask about the screen-reader study.');
  if ((await ask.count()) > 0) await page.getByTestId('dialog-keep-editing').click();

  await add.getByRole('button', { name: 'Close' }).click();
  await expect(ask).toBeVisible();
  await page.getByTestId('dialog-keep-editing').click();
  await add.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeVisible();
  await page.getByTestId('dialog-keep-editing').click();

  // Closing the page (or the window, in Electron) asks too.
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  await add.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('dialog-discard-confirm').click();
  await expect(add).toHaveCount(0);
  expect((await readDataFile(kith.dataPath))?.people.length, 'nobody was added').toBe(13);
});

test('a file changed by another program, then broken, is never overwritten and can be recovered', async ({ page, kith }) => {
  await page.goto(kith.url);
  await page.getByTestId('empty-example').click();
  await expect.poll(async () => (await readDataFile(kith.dataPath))?.people.length ?? 0, { timeout: 15_000 }).toBe(13);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  // Another program edits the file: Kith stops and asks.
  const disk = (await readDataFile(kith.dataPath)) as FileOnDisk;
  const edited = { ...disk, people: disk.people.map((p) => (p.name === 'Priya Raman' ? { ...p, name: 'Priya (edited elsewhere)' } : p)) };
  await writeFile(kith.dataPath, JSON.stringify(edited));
  const external = page.getByTestId('file-problem-external');
  await expect(external).toBeVisible();
  await expect(external).toContainText('changed by another program');
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(ROOT, 'test-results/file-external-change.png') });
  await page.getByTestId('reload-from-disk').click();
  await expect(external).toBeHidden();
  await expect.poll(async () => (await graph(page)).nodes.some((n) => n.label === 'Priya (edited elsewhere)')).toBe(true);

  // Then the file is cut off: Kith keeps it as it is and offers the backup.
  await writeFile(kith.dataPath, '{"schemaVersion":1,"meId":');
  await expect(external).toBeVisible();
  await page.getByTestId('reload-from-disk').click();
  const corrupt = page.getByTestId('file-problem-corrupt');
  await expect(corrupt).toBeVisible();
  await expect(corrupt).toContainText('not valid JSON');
  await expect(page.getByTestId('backup-list').getByRole('listitem')).not.toHaveCount(0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(ROOT, 'test-results/file-corrupt.png') });
  expect(await readFile(kith.dataPath, 'utf8'), 'the broken file is left as it is').toBe('{"schemaVersion":1,"meId":');
  await page.getByTestId('restore-newest').click();
  await expect(corrupt).toBeHidden();
  await expect.poll(async () => (await graph(page)).nodes.some((n) => n.isMe)).toBe(true);
  await expect(page.getByTestId('toasts')).toContainText('Restored the backup');
});
