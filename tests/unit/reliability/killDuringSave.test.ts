import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSaveChild, runKills } from '../../stress/killHarness.js';

let bundleDir: string;
let childPath: string;

beforeAll(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), 'kith-kill-bundle-'));
  childPath = await bundleSaveChild(bundleDir);
}, 60_000);

afterAll(async () => {
  await rm(bundleDir, { recursive: true, force: true });
});

describe('SIGKILL during save (a real backend process, killed at random moments, the file reopened each time)', () => {
  it('50 kills: no unreadable file, no acknowledged edit lost, the file always holds the last acknowledged save or the one in flight', async () => {
    const f = await runKills({ writer: 'atomic', kills: 50, seed: 20260501, lanes: 2, childPath });
    const summary = JSON.stringify({ ...f, durationMs: undefined });
    expect(f.kills, summary).toBe(50);
    expect(f.unreadable, summary).toBe(0);
    expect(f.missing, summary).toBe(0);
    expect(f.editsLost, summary).toBe(0);
    expect(f.olderState, summary).toBe(0);
    expect(f.unknownState, summary).toBe(0);
    expect(f.equalLastAck + f.equalInFlight, summary).toBe(f.kills);
    // The next process always reopens what is on disk, taking over the dead one's lock.
    expect(f.reopenMismatch, summary).toBe(0);
    expect(f.startFailures, summary).toBe(0);
    expect(f.tempFilesAfterReopen, summary).toBe(0);
    expect(f.locksAfterClose, summary).toBe(0);
    expect(f.backupsOffered, summary).toBeGreaterThan(0);
    // The harness must actually hit saves, or the figures above prove nothing.
    expect(f.killsMidSave, summary).toBeGreaterThanOrEqual(10);
    expect(f.savesAcknowledged, summary).toBeGreaterThan(50);
  }, 120_000);

  it('the control (fs.writeFile straight onto the file) loses data under the same harness, so the harness detects loss', async () => {
    const f = await runKills({ writer: 'control', kills: 30, seed: 20260502, lanes: 2, childPath });
    const summary = JSON.stringify({ ...f, durationMs: undefined });
    expect(f.unreadable + f.missing + f.olderState, summary).toBeGreaterThan(0);
    expect(f.editsLost, summary).toBeGreaterThan(0);
  }, 120_000);
});
