import type { FileHandle } from 'node:fs/promises';
import { nodeFs, type FsLike } from '../../electron/backend/store/fsLike.js';

/** One file-system call as the store made it. */
export interface FsCall {
  readonly op: keyof FsLike;
  /** The path, `from -> to` for rename and copy, or the path a handle was opened on. */
  readonly path: string;
  /** The flags of an `open`. */
  readonly flags?: string;
}

/**
 * How the call numbered `at` (1-based, counted from `arm`) goes wrong:
 * `error` — it fails with `code` and the process carries on (a full disk, a
 * read-only file); `crash` — the process dies there: that call and every later
 * one fail, so no clean-up runs, and a `write` may leave a torn prefix of its
 * data behind, as a real crash in the middle of write(2) can.
 */
export type Fault =
  | { readonly kind: 'error'; readonly at: number; readonly code: string }
  | { readonly kind: 'crash'; readonly at: number; readonly tornWrite?: boolean };

/** The real file system with a log of every call and one armed fault. */
export class FaultFs {
  readonly calls: FsCall[] = [];
  readonly fs: FsLike;
  private fault: Fault | undefined;
  private count = 0;
  private isDead = false;
  private readonly handlePaths = new WeakMap<FileHandle, string>();

  constructor(private readonly real: FsLike = nodeFs) {
    this.fs = {
      open: async (path, flags, mode) => {
        this.enter({ op: 'open', path, flags });
        const handle = await this.real.open(path, flags, mode);
        this.handlePaths.set(handle, path);
        return handle;
      },
      write: async (handle, data) => {
        const path = this.pathOf(handle);
        const torn = this.fault?.kind === 'crash' && this.fault.tornWrite === true && this.count + 1 === this.fault.at;
        if (torn) await this.real.write(handle, data.subarray(0, Math.floor(data.length / 2)));
        this.enter({ op: 'write', path });
        await this.real.write(handle, data);
      },
      fsync: (handle) => this.run({ op: 'fsync', path: this.pathOf(handle) }, () => this.real.fsync(handle)),
      fstat: (handle) => this.run({ op: 'fstat', path: this.pathOf(handle) }, () => this.real.fstat(handle)),
      // A dead process's handles are closed by the kernel: let the close through so no descriptor leaks, but still count it.
      close: async (handle) => {
        const wasDead = this.isDead;
        try {
          this.enter({ op: 'close', path: this.pathOf(handle) });
        } finally {
          await this.real.close(handle).catch(() => undefined);
        }
        if (wasDead) throw deadError('close');
      },
      rename: (from, to) => this.run({ op: 'rename', path: `${from} -> ${to}` }, () => this.real.rename(from, to)),
      copyFile: (from, to, mode) => this.run({ op: 'copyFile', path: `${from} -> ${to}` }, () => this.real.copyFile(from, to, mode)),
      unlink: (path) => this.run({ op: 'unlink', path }, () => this.real.unlink(path)),
      readFile: (path) => this.run({ op: 'readFile', path }, () => this.real.readFile(path)),
      stat: (path) => this.run({ op: 'stat', path }, () => this.real.stat(path)),
      mkdir: (path, options) => this.run({ op: 'mkdir', path }, () => this.real.mkdir(path, options)),
      readdir: (path) => this.run({ op: 'readdir', path }, () => this.real.readdir(path)),
      realpath: (path) => this.run({ op: 'realpath', path }, () => this.real.realpath(path)),
      readlink: (path) => this.run({ op: 'readlink', path }, () => this.real.readlink(path)),
      access: (path, mode) => this.run({ op: 'access', path }, () => this.real.access(path, mode)),
    };
  }

  /** Arms `fault` (numbered from now on) and clears the log. */
  arm(fault: Fault | undefined): void {
    this.fault = fault;
    this.count = 0;
    this.isDead = false;
    this.calls.length = 0;
  }

  /** Whether the armed fault has fired. */
  get hasFired(): boolean {
    return this.fault !== undefined && this.count >= this.fault.at;
  }

  private pathOf(handle: FileHandle): string {
    return this.handlePaths.get(handle) ?? '?';
  }

  private enter(call: FsCall): void {
    if (this.isDead) throw deadError(call.op);
    this.calls.push(call);
    this.count += 1;
    const fault = this.fault;
    if (!fault || this.count !== fault.at) return;
    if (fault.kind === 'crash') {
      this.isDead = true;
      throw deadError(call.op);
    }
    throw fsError(fault.code, call.op, call.path);
  }

  private async run<T>(call: FsCall, fn: () => Promise<T>): Promise<T> {
    this.enter(call);
    return fn();
  }
}

export function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: injected failure, ${syscall} '${path}'`);
  err.code = code;
  err.syscall = syscall;
  return err;
}

function deadError(op: string): NodeJS.ErrnoException {
  return fsError('EIO', op, '(the process has crashed)');
}
