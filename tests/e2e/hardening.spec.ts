import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServerProcess, stopServerProcess, unprivileged, type ServerProcess } from '../stress/serverProcess';
import { expect, test } from './support/server';

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC = join(ROOT, 'dist/renderer');

async function api(base: string, token: string, channel: string, input: unknown): Promise<{ ok: boolean }> {
  const res = await fetch(`${base}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean };
}

test.describe('a data file in a read-only folder', () => {
  let root = '';
  let folder = '';
  let server: ServerProcess | undefined;

  test.beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kith-e2e-ro-'));
    await chmod(root, 0o755);
    folder = join(root, 'Shared drive');
    await mkdir(folder);
    const file = join(folder, 'kith.json');
    const init = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), 'init', '--example', '--data', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(init.status, init.stderr).toBe(0);
    await rm(join(folder, 'kith.backups'), { recursive: true, force: true });
    const as = unprivileged();
    if (as.uid !== undefined && as.gid !== undefined) await chown(file, as.uid, as.gid);
    await chmod(folder, 0o555);
    server = await startServerProcess(file, STATIC, [], as);
  });

  test.afterEach(async () => {
    if (server) await stopServerProcess(server);
    await chmod(folder, 0o755);
    await rm(root, { recursive: true, force: true });
  });

  test('opens for viewing with a banner that says why; an edit is refused with a clear message', async ({ page }) => {
    if (!server) throw new Error('no server');
    await page.goto(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    const banner = page.getByTestId('read-only-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Read-only.');
    await expect(banner).toContainText('may not write in its folder');
    await expect(page.getByTestId('save-state')).toHaveText('Read-only');
    await expect(page.getByTestId('statusbar')).toContainText('12 people');
    await page.screenshot({ path: join(ROOT, 'docs/screenshot-read-only.png') });

    await page.getByTestId('toolbar-add-person').click();
    await page.getByTestId('add-name').fill('Someone new');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('add-error')).toContainText('open read-only');
    await page.getByTestId('add-person-dialog').screenshot({ path: join(ROOT, 'test-results/read-only-refusal.png') });
    await expect(page.getByTestId('statusbar')).toContainText('12 people');
  });
});

test('under a continuous stream of edits the status says "Saving…" until the save has happened, then "Saved"', async ({ page, kith }) => {
  await page.goto(kith.url);
  await page.getByTestId('empty-example').click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  const url = new URL(kith.url);
  const base = `${url.protocol}//${url.host}`;
  const token = url.searchParams.get('token') ?? '';
  const samples: string[] = [];
  const sampler = setInterval(() => {
    void page
      .getByTestId('save-state')
      .textContent()
      .then((t) => samples.push(t ?? ''))
      .catch(() => undefined);
  }, 50);
  // An edit every 100 ms for 3 s: the saves come at most a second apart, so there is always one pending.
  const until = Date.now() + 3_000;
  for (let i = 0; Date.now() < until; i++) {
    expect((await api(base, token, 'person:create', { name: `Stream ${i}` })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
  }
  const streamSamples = samples.splice(0).slice(4);
  clearInterval(sampler);
  const saving = streamSamples.filter((t) => t === 'Saving…').length;
  expect(saving / streamSamples.length, JSON.stringify(streamSamples)).toBeGreaterThan(0.9);
  await expect(page.getByTestId('save-state')).toHaveText('Saved', { timeout: 2_000 });
});
