import { applyChanges } from '../../../shared/domain/changes.js';
import { emptyKithFile, parseKithFile, serializeKithFile } from '../../../shared/data/fileFormat.js';
import type { KithFile } from '../../../shared/domain/model.js';
import { planImport, type ImportPlan, type PlanContext } from '../../../shared/import/plan.js';
import { readExport, type ParsedExport } from '../../../shared/import/readExport.js';
import { exportFilesOf } from '../../../shared/import/zip.js';

let idCounter = 0;

/** Ids unique across the test file (contexts share one counter) and a fixed clock. */
export function testContext(day = '2026-04-01'): PlanContext {
  let n = idCounter;
  idCounter += 1_000_000;
  return { newId: (prefix) => `${prefix}_${(n++).toString(36)}`, today: () => day, now: () => `${day}T10:00:00Z` };
}

export function emptyNetwork(): KithFile {
  return emptyKithFile('Me', () => 'me');
}

export const utf8 = (s: string) => new TextEncoder().encode(s);

export async function parse(name: string, bytes: Uint8Array): Promise<ParsedExport> {
  const { files, isLoneFile } = exportFilesOf(name, bytes);
  return readExport(name, files, { isLoneFile });
}

/** Reads, plans and applies an export; checks that the result is a valid data file (schema and integrity). */
export async function importInto(
  doc: KithFile,
  name: string,
  bytes: Uint8Array,
  ctx = testContext(),
): Promise<{ plan: ImportPlan; doc: KithFile; parsed: ParsedExport }> {
  const parsed = await parse(name, bytes);
  const plan = planImport(doc, parsed, ctx);
  const next = applyChanges(doc, plan.edit.changes, 'forward');
  parseKithFile(serializeKithFile(next), 'import result');
  return { plan, doc: next, parsed };
}

/** The network without the import records (what idempotence compares). */
export function networkOf(doc: KithFile): Pick<KithFile, 'people' | 'ties'> {
  return { people: doc.people, ties: doc.ties };
}

/** The error `fn` throws (failing the test when it throws none). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
