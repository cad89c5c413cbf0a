import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { linkedinFixtures, windows1252, writeLinkedInFixtures } from '../fixtures/generate-linkedin';
import { expect, test } from './support/server';

const LIVING = '#009E73';
const UNKNOWN = '#999999';
const COMPLETE = 'Complete_LinkedInDataExport_01-15-2026.zip';

interface FileOnDisk {
  meId: string;
  people: Array<{ id: string; name: string }>;
  ties: Array<{ id: string; a: string; b: string; origin: string; activity?: string }>;
  imports?: Array<{ id: string; added: number }>;
}

async function readDataFile(path: string): Promise<FileOnDisk | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FileOnDisk;
  } catch {
    return null;
  }
}

async function edgeOf(page: Page, personName: string) {
  return page.evaluate((name) => {
    const snap = window.__kithGraph?.snapshot();
    const node = snap?.nodes.find((n) => n.label === name);
    return snap?.edges.find((e) => e.source === node?.id || e.target === node?.id) ?? null;
  }, personName);
}

let fixtureDir = '';
test.beforeAll(async () => {
  fixtureDir = await mkdtemp(join(tmpdir(), 'kith-e2e-linkedin-'));
  await writeLinkedInFixtures(fixtureDir);
});
test.afterAll(async () => {
  await rm(fixtureDir, { recursive: true, force: true });
});

test('import a LinkedIn ZIP through the UI, preview, commit, triage a tie with the keyboard, see its colour change', async ({
  page,
  kith,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(kith.url);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  const before = await readFile(kith.dataPath);

  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('empty-import').click();
  await (await chooser).setFiles(join(fixtureDir, COMPLETE));

  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('import-count-added')).toContainText('118');
  await expect(preview.getByTestId('import-count-skipped')).toContainText('2');
  await expect(preview.getByTestId('import-era')).toHaveText('Current export');
  await expect(preview.getByTestId('import-evidence')).toContainText('42 of 42 matched');
  await expect(preview.getByTestId('import-evidence')).toContainText('direct messages with 3 people');
  await expect(preview.getByTestId('import-owner')).toContainText('Robin Example');
  await expect(preview.getByTestId('import-skipped')).toContainText('hidden or closed profile');
  await page.screenshot({ path: 'test-results/import-preview.png' });
  // A preview writes nothing.
  expect(await readFile(kith.dataPath)).toEqual(before);

  await preview.getByTestId('import-commit').click();
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible();
  await expect.poll(async () => (await readDataFile(kith.dataPath))?.people.length).toBe(119);
  await expect(page.getByTestId('statusbar')).toContainText('118 people');
  await page.screenshot({ path: 'test-results/import-done.png' });

  await done.getByTestId('import-start-triage').click();
  const triage = page.getByTestId('triage');
  await expect(triage).toBeVisible();
  const name = (await triage.getByTestId('triage-name').textContent()) ?? '';
  expect(name).not.toBe('');
  await expect(triage.getByTestId('triage-evidence')).not.toBeEmpty();
  await expect.poll(async () => (await edgeOf(page, name))?.color).toBe(UNKNOWN);
  await page.screenshot({ path: 'test-results/triage.png' });

  // L, then 1: Living, met in a curiosity conversation.
  await page.keyboard.press('l');
  await expect(triage.getByTestId('triage-activities')).toBeVisible();
  await page.screenshot({ path: 'test-results/triage-living.png' });
  await page.keyboard.press('1');
  await expect(triage.getByTestId('triage-last')).toContainText(`${name} → Living · Curiosity conversation`);
  await expect(triage.getByTestId('triage-tally')).toContainText('1 Living');
  const next = (await triage.getByTestId('triage-name').textContent()) ?? '';
  expect(next).not.toBe(name);

  // S skips, U undoes the skip.
  await page.keyboard.press('s');
  await expect(triage.getByTestId('triage-tally')).toContainText('1 skipped');
  await page.keyboard.press('u');
  await expect(triage.getByTestId('triage-tally')).toContainText('0 skipped');
  await expect(triage.getByTestId('triage-name')).toHaveText(next);

  await page.keyboard.press('Escape');
  await expect(triage).toBeHidden();

  await expect.poll(async () => (await edgeOf(page, name))?.color, { timeout: 15_000 }).toBe(LIVING);
  await expect
    .poll(async () => {
      const file = await readDataFile(kith.dataPath);
      const person = file?.people.find((p) => p.name === name);
      return file?.ties.find((t) => t.a === person?.id && t.b === file.meId);
    })
    .toMatchObject({ origin: 'living', activity: 'curiosity-conversation' });
  expect(problems).toEqual([]);
});

test('a dropped file that is not an export is refused with the reason, and the network is untouched', async ({ page, kith }) => {
  await page.goto(kith.url);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  const before = await readFile(kith.dataPath);
  const bytes = [...(linkedinFixtures()['bad/not-linkedin.csv'] as Uint8Array)];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'orders.csv', { type: 'text/csv' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, bytes);
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  await expect(error.getByTestId('import-error-message')).toContainText('orders.csv is not a LinkedIn Connections.csv');
  await page.screenshot({ path: 'test-results/import-error.png' });
  expect(await readFile(kith.dataPath)).toEqual(before);
});

test('past imports can be undone as a whole, keeping the ties you sorted', async ({ page, kith }) => {
  await page.goto(kith.url);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('empty-import').click();
  await (await chooser).setFiles(join(fixtureDir, 'connections-2018.csv'));
  await expect(page.getByTestId('import-era')).toHaveText('2018 export');
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-start-triage').click();
  await page.keyboard.press('d');
  await page.keyboard.press('d');
  await expect(page.getByTestId('triage-tally')).toContainText('1 Doing');
  await page.getByTestId('triage-close').click();
  await expect(page.getByTestId('open-triage')).toContainText('117 unknown ties');
  await page.screenshot({ path: 'test-results/triage-reminder.png' });
  await page.getByTestId('open-import-history').click();
  const history = page.getByTestId('import-history');
  await expect(history.getByTestId('import-history-row')).toHaveCount(1);
  await history.getByTestId('import-undo').click();
  await expect(history.getByTestId('import-history-row')).toContainText('undone');
  await page.screenshot({ path: 'test-results/import-history.png' });
  await expect(page.getByTestId('toast').first()).toContainText('Kept what you worked on since: 1 person, 1 tie you sorted or annotated.');
  await expect.poll(async () => (await readDataFile(kith.dataPath))?.ties.map((t) => t.origin)).toEqual(['doing']);
});

test('the preview warns about a Windows-1252 file and lists rejected rows with their lines', async ({ page, kith }) => {
  await page.goto(kith.url);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  const text = [
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    'Chloé,Dubois,https://www.linkedin.com/in/chloe-dubois,,Café Crème,Directrice,08 Jan 2024',
    'Søren,Müller,,,Acme,Engineer,someday',
    ',,,,,,09 Jan 2024',
    'Zoë,Hart,https://www.linkedin.com/in/zoe-hart,,Acme,Engineer,31 Feb 2024',
  ].join('\r\n');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('empty-import').click();
  await (await chooser).setFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(windows1252(text)) });
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-encoding-warning')).toContainText('read as Windows-1252');
  await expect(preview.getByTestId('import-skipped')).toContainText('"someday" is not a date');
  await expect(preview.getByTestId('import-skipped')).toContainText('1 error');
  await expect(preview.getByTestId('import-count-added')).toContainText('2');
  await expect(preview.getByTestId('import-era')).toHaveText('Current export · re-saved by a spreadsheet');
  await page.screenshot({ path: 'test-results/import-warnings.png' });
  await preview.getByTestId('import-cancel').click();
  await expect(preview).toBeHidden();
});
