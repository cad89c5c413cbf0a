import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as NodeCrypto from 'node:crypto';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import type { ImportPreview } from '../../../shared/api/contract/import.js';
import { connectionsCsv, makeContacts } from '../../fixtures/generate-linkedin.js';
import { useTempDirs } from '../support/tempDir.js';

/**
 * Random bytes whose every id-sized block comes four times in a row, whatever
 * the id generator asks for (node's randomBytes or Web Crypto). An import
 * draws a person id and a tie id per row, so the next row's person id is the
 * last row's again: the collision the issue saw at 1.78 M rows, made certain.
 */
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>();
  return { ...real, randomBytes: (size: number) => Buffer.from(repeatingBlocks(size, 8)) };
});

let counter = 0;
function repeatingBlocks(size: number, block: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let at = 0; at + block <= size; at += block) {
    const value = counter >> 2;
    counter += 1;
    // Five bits per byte: both generators (old `% 36`, new `& 31`) keep them, so different values give different ids.
    for (let i = 0; i < 6 && i < block; i++) out[at + i] = (value >> (5 * i)) & 31;
  }
  return out;
}

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
  vi.restoreAllMocks();
});

async function ok<T>(backend: Backend, name: string, input: unknown): Promise<T> {
  const result = await backend.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

describe('ids never collide silently', () => {
  it('with a random source that repeats every id it gives, an import adds every contact, each under its own id', async () => {
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(repeatingBlocks(array.byteLength, 20));
      return array;
    });
    const backend = await createBackend({ dataPath: join(await tempDir(), 'kith.json'), saveDebounceMs: 0, watch: false });
    open.push(backend);
    const contacts = makeContacts(300, 11).filter((c) => !c.hidden);
    const csv = connectionsCsv(contacts, 'current');
    const preview = await ok<ImportPreview>(backend, 'import:preview', {
      source: { kind: 'upload', name: 'Connections.csv', dataBase64: Buffer.from(csv).toString('base64') },
    });
    const { report } = await ok<{ report: { added: number } }>(backend, 'import:commit', { previewId: preview.previewId });
    const doc = backend.session().doc;
    const n = contacts.length;
    expect(report.added).toBe(n);
    expect(doc.people).toHaveLength(n + 1);
    expect(new Set(doc.people.map((p) => p.id)).size).toBe(n + 1);
    expect(new Set(doc.ties.map((t) => t.id)).size).toBe(n);
    const created = await ok<{ id: string }>(backend, 'person:create', { name: 'One more' });
    expect(doc.people.some((p) => p.id === created.id)).toBe(false);
    expect(backend.session().doc.people).toHaveLength(n + 2);
  });
});
