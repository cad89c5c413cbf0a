import type { ParseArgsConfig } from 'node:util';
import { importCommand } from './import.js';
import { introsCommand, pathsCommand } from './insights.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  readonly values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  readonly positionals: readonly string[];
  /** The resolved --data path; throws a clear error when it is missing. */
  readonly dataPath: () => string;
  readonly io: CliIo;
}

/** A CLI command contributed by a feature (import, paths, intros). */
export interface CliCommand {
  readonly name: string;
  /** One usage line for the help text. */
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CliContext): Promise<number>;
}

/** Feature commands, in help order. */
export const cliCommands: readonly CliCommand[] = [importCommand, pathsCommand, introsCommand];
