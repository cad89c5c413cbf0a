import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * `tsx scripts/circles.ts [FOLDER…]` (default: renderer/src): finds import
 * cycles among the TypeScript files under the folders. Every import counts:
 * static, dynamic (`import()`), re-exports and type-only imports, since each
 * ties one file's meaning to the other. Prints each cycle and exits 1 if
 * there is one.
 */

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = /\.(ts|tsx)$/;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names (`./x`, `./x.js`, `./dir`), or undefined for a package or anything else. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (SOURCE.test(candidate) && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Strongly connected components of more than one file (or a file importing itself): the cycles (Tarjan). */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Which files each TypeScript file under the folders (relative to the repository) imports, by absolute path. */
export async function importGraph(folders: readonly string[]): Promise<Map<string, string[]>> {
  const files = (await Promise.all(folders.map((f) => sourceFiles(resolve(ROOT, f))))).flat();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((f) => resolveImport(file, f.fileName)).filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

async function main(): Promise<void> {
  const folders = process.argv.slice(2);
  const roots = folders.length > 0 ? folders : ['renderer/src'];
  const graph = await importGraph(roots);
  const cycles = cyclesOf(graph);
  const name = (f: string) => relative(ROOT, f);
  if (cycles.length === 0) {
    process.stdout.write(`No import cycles among ${graph.size} files in ${roots.join(', ')}.\n`);
    return;
  }
  for (const cycle of cycles) process.stdout.write(`Import cycle: ${cycle.map(name).join(' ⇄ ')}\n`);
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    process.stderr.write(`circles failed: ${String(err)}\n`);
    process.exit(1);
  });
}
