import { describe, expect, it } from 'vitest';
import {
  checkSaveProtocol,
  protocolProblems,
  sweepCrashPoints,
  type CrashPointFigures,
  type CrashPointResult,
} from '../../stress/crashPoints.js';
import type { FsCall } from '../../stress/faultFs.js';

let restoreSweep: Promise<CrashPointFigures> | undefined;
const restore = () => (restoreSweep ??= sweepCrashPoints(['restore']));

const show = (results: readonly CrashPointResult[]) =>
  results.map((r) => `${r.group} step ${r.step} (${r.op}) ${r.fault}: ${r.problems.join('; ')}`).join('\n');

describe('every crash point of a save, an open and a restore', () => {
  it('a save failing at each file-system call (backup copy and rotation included) with ENOSPC, EDQUOT, EPERM, EACCES, EROFS, EIO or a crash: the loader returns the old or the new network, never the empty default; the user is told; no temp file is left', async () => {
    const f = await sweepCrashPoints(['save']);
    expect(f.steps.save).toBeGreaterThanOrEqual(12);
    expect(f.scenarios).toBe(f.steps.save * 8);
    expect(f.silentResets).toBe(0);
    expect(f.tempFilesLeft).toBe(0);
    expect(f.unclearErrors).toBe(0);
    expect(show(f.failures)).toBe('');
    expect(f.reopenedOld + f.reopenedNew).toBe(f.scenarios);
    // Both outcomes occur: failures before the rename keep the old file, after it the new one.
    expect(f.reopenedOld).toBeGreaterThan(0);
    expect(f.reopenedNew).toBeGreaterThan(0);
  }, 60_000);

  it('opening a file with a fault at each step never resets, never changes the file, and the next launch gets the old network', async () => {
    const f = await sweepCrashPoints(['open']);
    expect(f.steps.open).toBeGreaterThanOrEqual(8);
    expect(f.silentResets).toBe(0);
    expect(show(f.failures)).toBe('');
    expect(f.reopenedOld).toBe(f.scenarios);
  }, 60_000);

  it('restoring a backup with a fault at each step keeps the corrupt original (in place or set aside byte for byte) and still offers the backups', async () => {
    const f = await restore();
    const known = (r: CrashPointResult) => r.op === 'readdir' && r.step === 1 && r.problems.every((p) => p.startsWith('restore threw'));
    expect(f.silentResets).toBe(0);
    expect(f.tempFilesLeft).toBe(0);
    expect(show(f.failures.filter((r) => !known(r)))).toBe('');
    expect(f.reopenedNew + f.reopenedCorruptKept + f.reopenedOlderBackup).toBe(f.scenarios);
  }, 60_000);

  it('a failing listing of the backup folder during a restore is refused as a KithError (io), not an internal error', async () => {
    const f = await restore();
    expect(show(f.failures.filter((r) => r.op === 'readdir'))).toBe('');
  }, 60_000);
});

describe('the save protocol (what survives a power cut, not only a kill)', () => {
  it('writes a temp file beside the data file, fsyncs it before the rename, fsyncs the folder after, backs up first, and never writes the data file in place', async () => {
    const { problems, calls } = await checkSaveProtocol();
    expect(problems, calls.map((c) => `${c.op} ${c.path}`).join('\n')).toEqual([]);
  });

  it('the check itself catches a writer without fsync (steno, lowdb’s default) and one that writes in place', () => {
    const dir = '/d';
    const file = '/d/kith.json';
    const steno: FsCall[] = [
      { op: 'open', path: '/d/.kith.json.tmp', flags: 'w' },
      { op: 'write', path: '/d/.kith.json.tmp' },
      { op: 'close', path: '/d/.kith.json.tmp' },
      { op: 'rename', path: `/d/.kith.json.tmp -> ${file}` },
    ];
    expect(protocolProblems(steno, file, dir)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/not created exclusively/),
        expect.stringMatching(/fsynced and closed before the rename/),
        expect.stringMatching(/folder is not fsynced/),
        expect.stringMatching(/not backed up/),
      ]),
    );
    const inPlace: FsCall[] = [
      { op: 'open', path: file, flags: 'w' },
      { op: 'write', path: file },
    ];
    expect(protocolProblems(inPlace, file, dir)).toEqual(expect.arrayContaining([expect.stringMatching(/opened for writing in place/)]));
  });
});
