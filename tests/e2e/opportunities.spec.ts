import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/server';

const ROOT = resolve(import.meta.dirname, '../..');

interface FileOnDisk {
  meId: string;
  people: Array<{ id: string; name: string; communities?: string[] }>;
  communities: Array<{ id: string; name: string; kind: string }>;
  opportunities: Array<{
    id: string;
    title: string;
    kind: string;
    date?: string;
    through?: string;
    company?: string;
    community?: string;
    notes?: string;
  }>;
}

async function readDataFile(path: string): Promise<FileOnDisk | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FileOnDisk;
  } catch {
    return null;
  }
}

/** Toasts and animations out of the way, then a PNG: in docs/ for the README, else in .tmp/ to look at. */
async function shot(page: Page, name: string, dir: 'docs' | '.tmp' = 'docs'): Promise<void> {
  const close = page.getByTestId('toast').getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
  await page.waitForTimeout(500);
  await mkdir(resolve(ROOT, dir), { recursive: true });
  await page.screenshot({ path: resolve(ROOT, dir, name) });
}

test('record an opportunity through a Living chain, edit, delete and undo it; put a person in a new community', async ({ page, kith }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });

  await page.goto(kith.url);
  await page.getByTestId('empty-example').click();
  await expect(page.getByTestId('stat-people')).toHaveText('12');
  await expect.poll(async () => (await readDataFile(kith.dataPath))?.people.length ?? 0).toBe(13);
  const example = (await readDataFile(kith.dataPath)) as FileOnDisk;
  const omar = example.people.find((p) => p.name === 'Omar Haddad')?.id;
  const uxGuild = example.communities.find((c) => c.name === 'UX Guild')?.id;
  expect(omar && uxGuild, 'the example has Omar and the UX Guild').toBeTruthy();

  // The example's three opportunities: two came through Living ties.
  await page.getByTestId('insights-tab-opportunities').click();
  const summary = page.getByTestId('provenance-summary');
  await expect(summary).toContainText('2 of your 3 opportunities came through Living ties.');
  await expect(page.getByTestId('opportunity-card')).toHaveCount(3);

  // Record one through Omar, whom I reach only through Priya: Living ties all the way.
  await page.getByTestId('opportunity-record').click();
  const dialog = page.getByRole('dialog', { name: 'Record an opportunity' });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('opportunity-title')).toBeFocused();
  await page.getByTestId('opportunity-submit').click();
  await expect(dialog.getByRole('alert')).toHaveText('Say what the opportunity was.');
  await expect(page.getByTestId('opportunity-title')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('opportunity-title').fill('Platform rebuild at Northwind Labs');
  await page.getByTestId('opportunity-kind').selectOption('client');
  await page.getByTestId('opportunity-date').fill('2025-11-04');
  await page.getByTestId('opportunity-through').fill('omar');
  await dialog.getByRole('option', { name: /Omar Haddad/ }).click();
  await expect(page.getByTestId('opportunity-through')).toHaveValue('Omar Haddad');
  await expect(page.getByTestId('opportunity-through-hint')).toContainText(
    'No direct tie: traced through Priya Raman → Omar Haddad, starting with your tie to Priya Raman (professional community).',
  );
  await expect(page.getByTestId('opportunity-through-hint').locator('[data-origin]')).toHaveAttribute('data-origin', 'living');
  await page.getByTestId('opportunity-company').fill('Northwind Labs');
  await page.getByTestId('opportunity-community').selectOption({ label: 'UX Guild' });
  await page.getByTestId('opportunity-notes').fill('Priya mentioned me to Omar after the reading group.');
  await page.mouse.move(700, 880);
  await shot(page, 'screenshot-opportunity-form.png');
  await page.getByTestId('opportunity-submit').click();
  await expect(dialog).toBeHidden();

  const card = page.getByTestId('opportunity-card').filter({ hasText: 'Platform rebuild at Northwind Labs' });
  await expect(card).toHaveAttribute('data-mode', 'living');
  await expect(card).toContainText('Omar Haddad brought it; you reach them through Priya Raman.');
  await expect(card).toContainText('Client · 2025-11-04 · via Omar Haddad · through a chain of ties · Northwind Labs · UX Guild');
  await expect(summary).toContainText('3 of your 4 opportunities came through Living ties.');
  await expect(page.getByTestId('opportunity-card').first(), 'the newest comes first').toHaveAttribute('data-opportunity', /.+/);
  await expect(page.getByTestId('opportunity-card').first()).toContainText('Platform rebuild at Northwind Labs');
  await expect
    .poll(
      async () => (await readDataFile(kith.dataPath))?.opportunities.find((o) => o.title === 'Platform rebuild at Northwind Labs') ?? null,
    )
    .toMatchObject({
      kind: 'client',
      date: '2025-11-04',
      through: omar,
      company: 'Northwind Labs',
      community: uxGuild,
      notes: 'Priya mentioned me to Omar after the reading group.',
    });
  await page.mouse.move(2, 400);
  await shot(page, 'opportunity-recorded.png', '.tmp');

  // Edit it: a new title; clearing the company leaves the field out of the file.
  await card.getByTestId('opportunity-edit').click();
  const edit = page.getByRole('dialog', { name: 'Edit opportunity' });
  await expect(page.getByTestId('opportunity-title')).toHaveValue('Platform rebuild at Northwind Labs');
  await expect(page.getByTestId('opportunity-through')).toHaveValue('Omar Haddad');
  await page.getByTestId('opportunity-title').fill('Platform rebuild, phase 1');
  await page.getByTestId('opportunity-company').fill('');
  await page.getByTestId('opportunity-submit').click();
  await expect(edit).toBeHidden();
  const edited = page.getByTestId('opportunity-card').filter({ hasText: 'Platform rebuild, phase 1' });
  await expect(edited).toHaveAttribute('data-mode', 'living');
  await expect
    .poll(async () => {
      const o = (await readDataFile(kith.dataPath))?.opportunities.find((x) => x.title === 'Platform rebuild, phase 1');
      return o ? { company: o.company ?? null, through: o.through } : null;
    })
    .toEqual({ company: null, through: omar });

  // Delete it, then undo from the toast.
  await edited.getByTestId('opportunity-delete').click();
  await expect(edited).toHaveCount(0);
  await expect(summary).toContainText('2 of your 3 opportunities came through Living ties.');
  await expect(page.getByTestId('toast').filter({ hasText: 'Deleted Platform rebuild, phase 1.' })).toBeVisible();
  await page.getByTestId('toast-undo').click();
  await expect(edited).toHaveCount(1);
  await expect(summary).toContainText('3 of your 4 opportunities came through Living ties.');
  await expect.poll(async () => (await readDataFile(kith.dataPath))?.opportunities.length).toBe(4);

  // A typo is found too: fuse.js loads when the search box is first used.
  await page.getByTestId('toolbar-search').fill('Omar Hadad');
  await expect(page.getByRole('option', { name: /Omar Haddad/ })).toBeVisible();

  // Communities in the person panel: Ana joins a new community, then an existing organisation, then leaves it.
  await page.getByTestId('toolbar-search').fill('Ana');
  await page.getByRole('option', { name: /Ana Costa/ }).click();
  await expect(page.getByTestId('panel-title')).toHaveText('Ana Costa');
  const field = page.getByTestId('person-communities');
  const chips = field.getByTestId('person-community');
  await expect(chips).toHaveCount(0);
  await page.getByTestId('person-community-add').fill('Open Data');
  await page.getByTestId('person-community-new-option').click();
  await expect(page.getByTestId('person-community-new-name')).toHaveValue('Open Data');
  await expect(page.getByTestId('person-community-new-name')).toBeFocused();
  await page.getByTestId('person-community-new-name').fill('Open Data Meetup');
  await page.getByTestId('person-community-new-kind').getByRole('radio', { name: 'Community' }).click();
  await page.getByTestId('person-community-new-submit').click();
  await expect(chips).toHaveText(['Open Data Meetup']);
  await page.getByTestId('person-community-add').fill('north');
  await page.getByRole('option', { name: /Northwind Labs/ }).click();
  await expect(chips).toHaveText(['Open Data Meetup', 'Northwind Labs']);
  await page.getByTestId('person-community-add').fill('open data');
  await expect(page.getByRole('option', { name: /Open Data Meetup/ }), 'a community she is in is not offered again').toHaveCount(0);
  await page.getByTestId('person-community-add').press('Escape');
  await field.getByRole('button', { name: 'Take Ana Costa off Northwind Labs' }).click();
  await expect(chips).toHaveText(['Open Data Meetup']);
  await expect
    .poll(async () => {
      const file = await readDataFile(kith.dataPath);
      const meetup = file?.communities.find((c) => c.name === 'Open Data Meetup');
      const ana = file?.people.find((p) => p.name === 'Ana Costa');
      return meetup && ana ? { kind: meetup.kind, ana: ana.communities } : null;
    })
    .toEqual({ kind: 'community', ana: [expect.any(String)] });
  const onDisk = (await readDataFile(kith.dataPath)) as FileOnDisk;
  const meetupId = onDisk.communities.find((c) => c.name === 'Open Data Meetup')?.id;
  expect(onDisk.people.find((p) => p.name === 'Ana Costa')?.communities).toEqual([meetupId]);
  await page.getByTestId('person-community-add').click();
  await page.mouse.move(2, 400);
  await shot(page, 'screenshot-person-communities.png');
  await page.getByTestId('person-community-add').press('Escape');

  // The manager, from the overview: rename, change the kind, delete and undo.
  await page.getByTestId('side-panel').getByRole('button', { name: 'Close panel' }).click();
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-kind', 'overview');
  await expect(page.getByTestId('overview-communities')).toContainText('Open Data Meetup');
  await page.getByTestId('communities-manage').click();
  const manager = page.getByTestId('communities-manager');
  await expect(manager.getByTestId('community-row')).toHaveCount(5);
  const climbing = manager.locator(`[data-community="${example.communities.find((c) => c.name === 'Bouldering club')?.id}"]`);
  await expect(climbing.getByTestId('community-name')).toHaveValue('Bouldering club');
  await climbing.getByTestId('community-name').fill('Leeds Bouldering Club');
  await climbing.getByTestId('community-name').press('Enter');
  await expect
    .poll(async () => (await readDataFile(kith.dataPath))?.communities.some((c) => c.name === 'Leeds Bouldering Club'))
    .toBe(true);
  // A rename to another community's name is refused beside the field; the typed text outlives leaving the manager
  // (it is a draft in the store, which the unsaved-typing guard also sees), and Escape puts the saved name back.
  const communitiesBefore = (await readDataFile(kith.dataPath))?.communities;
  await climbing.getByTestId('community-name').fill('ux  GUILD');
  await climbing.getByTestId('community-name').press('Enter');
  await expect(climbing.getByRole('alert')).toHaveText('Not saved: “UX Guild” is already on the list.');
  await page.getByRole('button', { name: 'Back to the overview' }).click();
  await expect(manager).toHaveCount(0);
  await page.getByTestId('communities-manage').click();
  await expect(climbing.getByTestId('community-name')).toHaveValue('ux  GUILD');
  await expect(climbing.getByRole('alert')).toContainText('already on the list');
  await climbing.getByTestId('community-name').press('Escape');
  await expect(climbing.getByTestId('community-name')).toHaveValue('Leeds Bouldering Club');
  await expect(climbing.getByRole('alert')).toHaveCount(0);
  expect((await readDataFile(kith.dataPath))?.communities, 'the refused rename changed no community').toEqual(communitiesBefore);

  const meetup = manager.locator(`[data-community="${meetupId}"]`);
  await meetup.getByTestId('community-kind').selectOption('organisation');
  await expect.poll(async () => (await readDataFile(kith.dataPath))?.communities.find((c) => c.id === meetupId)?.kind).toBe('organisation');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(2, 400);
  await shot(page, 'screenshot-communities.png');
  await meetup.getByTestId('community-delete').click();
  await expect(meetup).toHaveCount(0);
  await expect(page.getByTestId('toast').filter({ hasText: 'Deleted Open Data Meetup and took it off 1 person.' })).toBeVisible();
  await expect
    .poll(async () => (await readDataFile(kith.dataPath))?.people.find((p) => p.name === 'Ana Costa')?.communities)
    .toBeUndefined();
  await page.getByTestId('toast-undo').click();
  await expect(meetup).toHaveCount(1);
  await expect
    .poll(async () => (await readDataFile(kith.dataPath))?.people.find((p) => p.name === 'Ana Costa')?.communities)
    .toEqual([meetupId]);

  expect(problems).toEqual([]);
});
