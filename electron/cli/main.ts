import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KithError } from '../../shared/api/envelope.js';
import { MAX_DATA_FILE_BYTES, parseKithFile, tooLargeMessage } from '../../shared/data/fileFormat.js';
import { ORIGINS, type KithFile, type Person, type PersonId } from '../../shared/domain/model.js';
import { networkStats } from '../../shared/domain/stats.js';
import { EXPORT_FORMATS } from '../../shared/api/contract/core.js';
import { createBackend, type Backend } from '../backend/backend.js';
import { cliCommands, type CliCommand, type CliIo } from './commands.js';
import { backupDirOf } from '../backend/store/names.js';

export type { CliIo };

const USAGE = `Usage: npm run -s kith -- <command> --data FILE [--json] [options]

Commands:
  init [--example] [--owner NAME]        create a new data file (never overwrites one)
  stats                                   people, ties and their origins
  add-person --name NAME [--company C] [--position P] [--tags a,b] [--interests a,b] [--needs a,b] [--offers a,b]
  add-tie --a NAME --b NAME --origin living|doing|unknown [--activity A] [--strength 1-5] [--since YYYY-MM-DD] [--notes TEXT]
                                          ("me" names the owner; names must match exactly and be unique)
  export --format json|csv|graphml|gexf [--out FILE]
${cliCommands.map((c) => `  ${c.usage}`).join('\n')}
Exit code 0 on success; on any error a message on stderr, a non-zero code, and the data file untouched.`;

const BASE_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Runs one CLI command; returns the exit code. Never calls process.exit, so tests run it in-process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  try {
    const extra = cliCommands.find((c) => c.name === command);
    if (extra) return await runExtra(extra, rest, io);
    switch (command) {
      case 'init':
        return await init(rest, io);
      case 'stats':
        return await stats(rest, io);
      case 'add-person':
        return await addPerson(rest, io);
      case 'add-tie':
        return await addTie(rest, io);
      case 'export':
        return await exportCmd(rest, io);
      default:
        io.err(`kith: unknown command "${command}".\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    io.err(`kith ${command}: ${describe(err)}\n`);
    return err instanceof KithError && err.code === 'invalid-input' ? 2 : 1;
  }
}

function describe(err: unknown): string {
  if (err instanceof KithError) return [err.message, ...(err.details ?? []).slice(1, 5)].join('\n  ');
  if (err instanceof Error) return err.message;
  return String(err);
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options: { ...BASE_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new KithError('invalid-input', (err as Error).message);
  }
}

function dataPathOf(values: { data?: string | boolean | undefined }): string {
  if (typeof values.data !== 'string' || values.data === '') throw new KithError('invalid-input', '--data FILE is required.');
  return resolve(values.data);
}

/** Reads the data file without taking the lock (read-only commands). */
export async function readNetwork(path: string): Promise<KithFile> {
  if (!existsSync(path)) throw new KithError('not-found', `No data file at ${path}. Create one with: kith init --data ${path}`);
  const { size } = await stat(path);
  if (size > MAX_DATA_FILE_BYTES) throw new KithError('file-corrupt', tooLargeMessage(path, size));
  return parseKithFile(await readFile(path, 'utf8'), path);
}

/** Opens the file for writing (takes the lock), runs `task`, saves, and releases. */
export async function withBackend<T>(path: string, task: (backend: Backend) => Promise<T>): Promise<T> {
  if (!existsSync(path)) throw new KithError('not-found', `No data file at ${path}. Create one with: kith init --data ${path}`);
  const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
  try {
    if (backend.session().store.problem) throw new KithError('file-corrupt', backend.session().store.problem?.message ?? 'unreadable');
    const result = await task(backend);
    await backend.session().store.flush();
    return result;
  } finally {
    await backend.close();
  }
}

/** Calls a channel and unwraps the envelope. */
export async function call(backend: Backend, name: string, input: unknown): Promise<unknown> {
  const result = await backend.call(name, input);
  if (!result.ok) throw new KithError(result.error.code, result.error.message, result.error.details);
  return result.value;
}

function list(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** Finds one person by exact name; `me` is the owner. Unknown or ambiguous names are errors. */
export function personByName(doc: KithFile, name: string, flag: string): Person {
  if (name === 'me') {
    const me = doc.people.find((p) => p.id === doc.meId);
    if (me) return me;
  }
  const matches = doc.people.filter((p) => p.name === name);
  if (matches.length === 0) throw new KithError('not-found', `${flag}: nobody is called "${name}" (names match exactly; "me" is you).`);
  if (matches.length > 1)
    throw new KithError('conflict', `${flag}: ${matches.length} people are called "${name}"; rename one to tell them apart.`);
  return matches[0] as Person;
}

async function init(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { example: { type: 'boolean' }, owner: { type: 'string' } });
  const path = dataPathOf(values);
  if (existsSync(path)) throw new KithError('conflict', `${path} already exists; Kith never overwrites a data file.`);
  await mkdir(dirname(path), { recursive: true });
  const { newNetwork } = await import('../backend/backend.js');
  const { DataStore } = await import('../backend/store/dataStore.js');
  const doc = newNetwork(values.owner ?? 'Me', values.example ?? false);
  const store = await DataStore.open({ path, createIfMissing: () => doc, saveDebounceMs: 0, watch: false });
  const problem = store.problem;
  if (problem || !store.doc) {
    // The file was lost but its backups are there: the store offers them instead of creating a file.
    await store.close();
    throw new KithError(
      'conflict',
      `Nothing was created: ${problem?.message ?? `${path} could not be created.`} Open it in Kith to restore a backup, or move ${backupDirOf(path)} away to start a new network there.`,
    );
  }
  await store.flush();
  await store.close();
  const s = networkStats(doc);
  if (values.json) io.out(`${JSON.stringify({ path, ...s })}\n`);
  else io.out(`Created ${path} with ${s.people} people and ${s.ties} ties.\n`);
  return 0;
}

async function stats(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {});
  const doc = await readNetwork(dataPathOf(values));
  const s = networkStats(doc);
  if (values.json) io.out(`${JSON.stringify(s)}\n`);
  else {
    io.out(`${s.people} people, ${s.ties} ties\n`);
    for (const o of ORIGINS) io.out(`  ${o.padEnd(8)} ${s.origins[o]}\n`);
  }
  return 0;
}

async function addPerson(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    name: { type: 'string' },
    company: { type: 'string' },
    position: { type: 'string' },
    email: { type: 'string' },
    tags: { type: 'string' },
    interests: { type: 'string' },
    needs: { type: 'string' },
    offers: { type: 'string' },
    notes: { type: 'string' },
  });
  if (!values.name) throw new KithError('invalid-input', '--name NAME is required.');
  const input = {
    name: values.name,
    company: values.company,
    position: values.position,
    email: values.email,
    notes: values.notes,
    tags: list(values.tags),
    interests: list(values.interests),
    needs: list(values.needs),
    offers: list(values.offers),
  };
  const person = (await withBackend(dataPathOf(values), (b) => call(b, 'person:create', stripUndefined(input)))) as Person;
  if (values.json) io.out(`${JSON.stringify(person)}\n`);
  else io.out(`Added ${person.name} (${person.id}).\n`);
  return 0;
}

async function addTie(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    a: { type: 'string' },
    b: { type: 'string' },
    origin: { type: 'string' },
    activity: { type: 'string' },
    strength: { type: 'string' },
    since: { type: 'string' },
    notes: { type: 'string' },
  });
  if (!values.a || !values.b) throw new KithError('invalid-input', '--a NAME and --b NAME are required.');
  if (!values.origin) throw new KithError('invalid-input', '--origin living|doing|unknown is required.');
  const path = dataPathOf(values);
  const tie = await withBackend(path, async (backend) => {
    const doc = backend.session().doc;
    const a = personByName(doc, values.a as string, '--a');
    const b = personByName(doc, values.b as string, '--b');
    const strength = values.strength === undefined ? undefined : Number(values.strength);
    return call(
      backend,
      'tie:create',
      stripUndefined({
        a: a.id as PersonId,
        b: b.id,
        origin: values.origin,
        activity: values.activity,
        strength,
        since: values.since,
        notes: values.notes,
      }),
    );
  });
  if (values.json) io.out(`${JSON.stringify(tie)}\n`);
  else io.out(`Connected ${values.a} and ${values.b} (${values.origin}).\n`);
  return 0;
}

async function exportCmd(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { format: { type: 'string' }, out: { type: 'string' } });
  const format = values.format ?? 'json';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new KithError('invalid-input', `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}".`);
  const doc = await readNetwork(dataPathOf(values));
  const { exportNetwork } = await import('../../shared/export/exportNetwork.js');
  const file = exportNetwork(doc, format as (typeof EXPORT_FORMATS)[number]);
  if (values.out) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(resolve(values.out), file.content, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      throw new KithError('io', err.code === 'EEXIST' ? `${values.out} already exists.` : err.message);
    });
    io.err(`Wrote ${values.out}\n`);
  } else io.out(file.content);
  return 0;
}

async function runExtra(command: CliCommand, args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, command.options);
  return command.run({ values, positionals, dataPath: () => dataPathOf(values), io });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`kith: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
