import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract } from '../../../shared/api/contract/index.js';
import { methodName } from '../../../shared/api/channel.js';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { useTempDirs } from '../support/tempDir.js';

const tempDir = useTempDirs();
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function exampleBackend(): Promise<{ backend: Backend; path: string }> {
  const path = join(await tempDir(), 'kith.json');
  const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
  open.push(backend);
  const loaded = await backend.call('network:loadExample', {});
  expect(loaded.ok).toBe(true);
  await backend.session().store.flush();
  return { backend, path };
}

describe('the contract', () => {
  it('names every channel domain:verb with a distinct method name and documents it', () => {
    const methods = new Set(CHANNEL_NAMES.map(methodName));
    expect(methods.size).toBe(CHANNEL_NAMES.length);
    for (const name of CHANNEL_NAMES) {
      expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(contract[name].doc.length).toBeGreaterThan(10);
    }
  });

  it('rejects out-of-schema payloads on every channel, and the data file stays byte-identical', async () => {
    const { backend, path } = await exampleBackend();
    const before = await readFile(path);
    const bad: unknown[] = [42, 'text', [], null, true, { unexpectedKey: 1 }, { id: 42, patch: 'x', name: 7, a: [], origin: 'sideways' }];
    for (const name of CHANNEL_NAMES) {
      for (const payload of bad) {
        const result = await backend.call(name, payload);
        expect(result.ok, `${name} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-input');
          expect(result.error.message).toContain(name);
        }
      }
    }
    await backend.session().store.flush();
    expect(await readFile(path)).toEqual(before);
  });

  it('answers random payloads with a valid result or a named refusal, never an internal error', async () => {
    const { backend } = await exampleBackend();
    for (const name of CHANNEL_NAMES) {
      await fc.assert(
        fc.asyncProperty(fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 3 }), async (payload) => {
          const result = await backend.call(name, payload);
          if (!result.ok) expect(result.error.code, `${name}: ${result.error.message}`).not.toBe('internal');
        }),
        { numRuns: 200 },
      );
    }
  });

  it('refuses an unknown channel by name', async () => {
    const { backend } = await exampleBackend();
    const result = await backend.call('__proto__', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await backend.call('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('validates the output of each read channel against its schema', async () => {
    const { backend } = await exampleBackend();
    for (const name of ['file:status', 'network:get'] as const) {
      const result = await backend.call(name, {});
      expect(result.ok).toBe(true);
      if (result.ok) expect(contract[name].output.safeParse(result.value).success).toBe(true);
    }
  });
});
