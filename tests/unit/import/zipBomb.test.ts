import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { Inflate, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KithError } from '../../../shared/api/envelope.js';
import { crc32 } from '../../../shared/import/crc32.js';
import { readCentralDirectory, readZip } from '../../../shared/import/zip.js';
import { connectionsCsv, makeContacts } from '../../fixtures/generate-linkedin.js';
import { thrown } from './support.js';

const ZIP = 'Basic_LinkedInDataExport_01-15-2026.zip';
const MB = 1024 * 1024;
const CONNECTIONS =
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lee,https://www.linkedin.com/in/ada,,Acme,CTO,08 Jan 2024\n';
const PROFILE = 'First Name,Last Name,Headline\nRobin,Ode,Founder\n';

const put16 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint16(at, v, true);
const put32 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint32(at, v, true);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

/** One entry of a handmade ZIP: its bytes as the ZIP holds them, and what its headers say. */
interface Part {
  readonly name: string;
  readonly data: Uint8Array;
  readonly method: number;
  /** The uncompressed size both headers declare. */
  readonly size: number;
  readonly crc: number;
  /** General purpose flags of the central header (and of the local one unless `localFlags`). */
  readonly flags?: number;
  readonly localFlags?: number;
  /** An extra field in the local header only: the central one has none. */
  readonly localExtra?: Uint8Array;
}

/** A deflated entry whose headers tell the truth (zlib deflates it: not fflate, which reads it). */
function deflated(name: string, bytes: Uint8Array, level = 6): Part {
  return { name, data: new Uint8Array(deflateRawSync(bytes, { level })), method: 8, size: bytes.length, crc: crc32(bytes) };
}

function stored(name: string, bytes: Uint8Array): Part {
  return { name, data: bytes, method: 0, size: bytes.length, crc: crc32(bytes) };
}

/** A ZIP of the parts as written, lies included: local headers, central directory, end record, no comment. */
function zipOf(parts: readonly Part[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = strToU8(p.name);
    const extra = p.localExtra ?? new Uint8Array(0);
    const local = new Uint8Array(30 + name.length + extra.length + p.data.length);
    put32(local, 0, 0x04034b50);
    put16(local, 4, 20);
    put16(local, 6, p.localFlags ?? p.flags ?? 0);
    put16(local, 8, p.method);
    put32(local, 14, p.crc);
    put32(local, 18, p.data.length);
    put32(local, 22, p.size);
    put16(local, 26, name.length);
    put16(local, 28, extra.length);
    local.set(name, 30);
    local.set(extra, 30 + name.length);
    local.set(p.data, 30 + name.length + extra.length);
    const central = new Uint8Array(46 + name.length);
    put32(central, 0, 0x02014b50);
    put16(central, 4, 20);
    put16(central, 6, 20);
    put16(central, 8, p.flags ?? 0);
    put16(central, 10, p.method);
    put32(central, 16, p.crc);
    put32(central, 20, p.data.length);
    put32(central, 24, p.size);
    put16(central, 28, name.length);
    put32(central, 42, offset);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = concat(...centrals);
  const end = new Uint8Array(22);
  put32(end, 0, 0x06054b50);
  put16(end, 8, parts.length);
  put16(end, 10, parts.length);
  put32(end, 12, directory.length);
  put32(end, 16, offset);
  return concat(...locals, directory, end);
}

function expectRefusal(fn: () => unknown, message: string | RegExp): void {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(KithError);
  expect((err as KithError).code).toBe('rejected');
  if (typeof message === 'string') expect((err as KithError).message).toBe(message);
  else expect((err as KithError).message).toMatch(message);
}

/** Byte-for-byte equality of large arrays (toEqual compares them element by element, slowly). */
function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array | undefined): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(expected).toBeInstanceOf(Uint8Array);
  expect(actual?.length).toBe(expected?.length);
  expect(Buffer.compare(actual as Uint8Array, expected as Uint8Array)).toBe(0);
}

const damaged = (entry: string, why: string) => `${entry} in ${ZIP} is damaged (${why}). Download the export again.`;

/**
 * Counts what readZip hands fflate's streaming inflater and what comes back: the work done, without a clock.
 * The original `push` still does the inflating.
 */
function countInflating() {
  const counts = { pushes: 0, pushed: 0, inflated: 0 };
  const push = Inflate.prototype.push;
  const counted = new WeakSet<Inflate>();
  vi.spyOn(Inflate.prototype, 'push').mockImplementation(function (this: Inflate, chunk: Uint8Array, final?: boolean) {
    if (!counted.has(this)) {
      counted.add(this);
      const ondata = this.ondata;
      this.ondata = (data, last) => {
        counts.inflated += data.length;
        ondata(data, last);
      };
    }
    counts.pushes += 1;
    counts.pushed += chunk.length;
    push.call(this, chunk, final);
  });
  return counts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readZip inflates an entry no further than a little past its declared size', () => {
  // 64 MB of 'A' deflated at deflate's greatest ratio (~1030:1): 65 KB.
  const bomb = new Uint8Array(deflateRawSync(Buffer.alloc(64 * MB, 0x41), { level: 9 }));

  it('refuses an entry that declares 1 KB but inflates to 64 MB, after handing the inflater one slice of 1 KB', () => {
    expect(bomb.length).toBeLessThan(70 * 1024);
    expect(inflateRawSync(bomb).length).toBe(64 * MB);
    const zip = zipOf([{ name: 'Connections.csv', data: bomb, method: 8, size: 1024, crc: 0 }, stored('Profile.csv', strToU8(PROFILE))]);
    // The directory declares 1 KB: nothing over the limits.
    expect(readCentralDirectory(zip)[0]).toMatchObject({ size: 1024, compressedSize: bomb.length, method: 8 });
    const counts = countInflating();
    expectRefusal(() => readZip(zip, ZIP), damaged('Connections.csv', 'it unpacks to more than the 1.0 KB it declares'));
    // fflate's unzipSync inflated all 64 MB (~130 ms here; a 1 GB lie took ~2 s). Now: one slice that can
    // inflate to 1 KB + 1 MB at most, ⌊(1,024 + 1,048,576) / 1,032⌋ = 1,017 bytes, and about 1 MB out of it.
    expect(counts).toMatchObject({ pushes: 1, pushed: 1017 });
    expect(counts.inflated).toBeGreaterThan(1024);
    expect(counts.inflated).toBeLessThanOrEqual(1032 * 1017);
  });

  it('refuses the same lie in what fflate’s zipSync writes, its sizes patched in the local and central headers', () => {
    const zip = zipSync({ 'Connections.csv': new Uint8Array(8 * MB).fill(0x41) }, { level: 9 });
    const central = new DataView(zip.buffer).getUint32(zip.length - 22 + 16, true);
    put32(zip, 22, 1024);
    put32(zip, central + 24, 1024);
    const counts = countInflating();
    expectRefusal(() => readZip(zip, ZIP), damaged('Connections.csv', 'it unpacks to more than the 1.0 KB it declares'));
    expect(counts).toMatchObject({ pushes: 1, pushed: 1017 });
  });

  it('never inflates more than the declared size plus max(1 MB, 8 × it) or plus 16 MB (a 16 KB slice at 1:1032), whichever is less', () => {
    for (const size of [0, 1, 1000, 100_000, 1 * MB, 3 * MB, 20 * MB]) {
      const zip = zipOf([{ name: 'Connections.csv', data: bomb, method: 8, size, crc: 0 }]);
      const counts = countInflating();
      expectRefusal(() => readZip(zip, ZIP), /^Connections\.csv in .* is damaged \(it unpacks to more than the .* it declares\)/);
      expect(counts.inflated, `${size}`).toBeGreaterThan(size);
      expect(counts.inflated, `${size}`).toBeLessThanOrEqual(size + Math.min(Math.max(MB, 8 * size), 1032 * 16 * 1024));
      vi.restoreAllMocks();
    }
  });

  it('refuses an entry that inflates to fewer bytes than it declares, though its CRC-32 matches what it holds', () => {
    const csv = strToU8(CONNECTIONS.repeat(50));
    const honest = deflated('Connections.csv', csv);
    const zip = zipOf([{ ...honest, size: csv.length + 1 }]);
    // fflate's unzipSync returns the shorter file, whose CRC-32 is the one declared: the earlier readZip accepted it.
    const plain = unzipSync(zip)['Connections.csv'] as Uint8Array;
    expect(plain.length).toBe(csv.length);
    expect(crc32(plain)).toBe(honest.crc);
    expectRefusal(() => readZip(zip, ZIP), damaged('Connections.csv', 'it unpacks to 6550 bytes, less than the 6551 bytes it declares'));
    const tiny = deflated('Connections.csv', strToU8('First Name\n'));
    expectRefusal(
      () => readZip(zipOf([{ ...tiny, size: 100 }]), ZIP),
      damaged('Connections.csv', 'it unpacks to 11 bytes, less than the 100 bytes it declares'),
    );
    // An empty stream declaring bytes.
    expectRefusal(
      () => readZip(zipOf([{ ...deflated('Connections.csv', new Uint8Array(0)), size: 1 }]), ZIP),
      damaged('Connections.csv', 'it unpacks to 0 bytes, less than the 1 byte it declares'),
    );
  });

  it('refuses a stored entry whose stored bytes are more or fewer than its declared size', () => {
    const csv = strToU8(CONNECTIONS);
    const entry = stored('Connections.csv', csv);
    expect(readZip(zipOf([entry]), ZIP)[0]?.bytes).toEqual(csv);
    expectRefusal(
      () => readZip(zipOf([{ ...entry, size: csv.length - 1 }]), ZIP),
      damaged('Connections.csv', `it holds ${csv.length} bytes but declares ${csv.length - 1} bytes`),
    );
    expectRefusal(
      () => readZip(zipOf([{ ...entry, size: csv.length + 1 }]), ZIP),
      damaged('Connections.csv', `it holds ${csv.length} bytes but declares ${csv.length + 1} bytes`),
    );
    // 1 MB stored, declaring 1 KB: refused without reading it as 1 KB (fflate's unzipSync returned all of it).
    const big = new Uint8Array(MB).fill(0x41);
    expect(unzipSync(zipOf([{ ...stored('Connections.csv', big), size: 1024 }]))['Connections.csv']).toHaveLength(MB);
    expectRefusal(
      () => readZip(zipOf([{ ...stored('Connections.csv', big), size: 1024 }]), ZIP),
      damaged('Connections.csv', 'it holds 1.0 MB but declares 1.0 KB'),
    );
  });

  it('refuses any lie about a deflated entry’s size, and reads the truth exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc.string({ maxLength: 40 }).map((s) => strToU8(s.repeat(200))),
        ),
        fc.constantFrom(0, 1, 9),
        fc.integer({ min: -3, max: 3 }),
        (bytes, level, lie) => {
          const entry = deflated('Connections.csv', bytes, level);
          const size = Math.max(0, bytes.length + lie);
          const zip = zipOf([{ ...entry, size }]);
          if (size === bytes.length) {
            expect(readZip(zip, ZIP)[0]?.bytes).toEqual(bytes);
            return;
          }
          const err = thrown(() => readZip(zip, ZIP));
          expect(err).toBeInstanceOf(KithError);
          expect((err as KithError).message).toMatch(
            size < bytes.length
              ? /^Connections\.csv in .* is damaged \(it unpacks to more than the .* it declares\)/
              : /^Connections\.csv in .* is damaged \(it unpacks to .*, less than the .* it declares\)/,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('still refuses a deflated stream cut short as before (fflate’s “unexpected EOF”)', () => {
    const entry = deflated('Connections.csv', strToU8(CONNECTIONS.repeat(100)));
    const zip = zipOf([{ ...entry, data: entry.data.subarray(0, entry.data.length - 20) }]);
    expectRefusal(
      () => readZip(zip, ZIP),
      `${ZIP} is not a ZIP file Kith can read (unexpected EOF). Is it damaged, encrypted or cut short?`,
    );
  });
});

describe('readZip extracts the chosen entries itself', () => {
  it('reads stored and deflated entries, empty ones, a local extra field the central header lacks, and many slices, as fflate does', () => {
    const contacts = strToU8(connectionsCsv(makeContacts(3000), 'current'));
    const noise = new Uint8Array(randomBytes(300_000)); // incompressible: deflate keeps it in stored blocks of 64 KB
    // An extra field in the local header only (an extended timestamp: flags, then mtime), as Info-ZIP writes.
    const timestamp = Uint8Array.of(0x55, 0x54, 5, 0, 1, 0x00, 0x5e, 0x74, 0x65);
    const zip = zipOf([
      deflated('Export/Connections.csv', contacts),
      { ...stored('Export/Profile.csv', strToU8(PROFILE)), localExtra: timestamp },
      deflated('Export/Invitations.csv', new Uint8Array(0)),
      stored('Export/messages.csv', new Uint8Array(0)),
      deflated('Export/Ad_Targeting.csv', noise),
      deflated('Export/Rich_Media.csv', noise),
    ]);
    const plain = unzipSync(zip);
    expect(plain['Export/Profile.csv']).toEqual(strToU8(PROFILE));
    const counts = countInflating();
    const files = readZip(zip, ZIP);
    expect(files.map((f) => f.path)).toEqual([
      'Export/Connections.csv',
      'Export/Profile.csv',
      'Export/Invitations.csv',
      'Export/messages.csv',
    ]);
    for (const f of files) expectSameBytes(f.bytes, plain[f.path]);
    expectSameBytes(files[0]?.bytes, contacts);
    expect(counts.pushes).toBeGreaterThan(3); // Connections.csv went in several slices
    expect(counts.inflated).toBe(contacts.length);
  });

  it('reads incompressible bytes (stored blocks within the deflate stream) across slices', () => {
    const noise = new Uint8Array(randomBytes(300_000));
    const zip = zipOf([deflated('Connections.csv', noise)]);
    const counts = countInflating();
    expectSameBytes(readZip(zip, ZIP)[0]?.bytes, noise);
    expect(counts.pushes).toBeGreaterThan(1);
  });

  it('refuses an encrypted entry, flagged in the central header or in the local one', () => {
    const message = `Connections.csv in ${ZIP} is encrypted, and Kith cannot read encrypted files. Use the export as LinkedIn sends it.`;
    const entry = deflated('Connections.csv', strToU8(CONNECTIONS));
    // Only the flag: fflate's unzipSync ignores it, and the earlier readZip imported the bytes as they were.
    expect(unzipSync(zipOf([{ ...entry, flags: 1 }]))['Connections.csv']).toEqual(strToU8(CONNECTIONS));
    expectRefusal(() => readZip(zipOf([{ ...entry, flags: 1 }]), ZIP), message);
    expectRefusal(() => readZip(zipOf([{ ...entry, flags: 0, localFlags: 1 }]), ZIP), message);
    // WinZip's AES: flag bit 0 and method 99.
    expectRefusal(() => readZip(zipOf([{ ...entry, flags: 1, method: 99 }]), ZIP), message);
    // An encrypted file Kith does not read is no reason to refuse the export.
    expect(readZip(zipOf([entry, { ...deflated('Ad_Targeting.csv', strToU8('x')), flags: 1 }]), ZIP)).toHaveLength(1);
  });

  it('refuses an unknown compression method, naming the entry', () => {
    const entry = stored('Connections.csv', strToU8(CONNECTIONS));
    expectRefusal(
      () => readZip(zipOf([{ ...entry, method: 12 }]), ZIP),
      `${ZIP} is not a ZIP file Kith can read (Connections.csv uses unknown compression type 12). Is it damaged, encrypted or cut short?`,
    );
  });

  it('refuses an entry whose local header is not where the directory says, or whose data runs past the end', () => {
    const zip = zipOf([stored('Profile.csv', strToU8(PROFILE)), stored('Connections.csv', strToU8(CONNECTIONS))]);
    const central = (name: string) => {
      const entry = readCentralDirectory(zip).findIndex((e) => e.name === name);
      let at = zip.length - 22 - (46 + 'Profile.csv'.length) - (46 + 'Connections.csv'.length);
      if (entry === 1) at += 46 + 'Profile.csv'.length;
      return at;
    };
    const moved = zip.slice();
    put32(moved, central('Connections.csv') + 42, readCentralDirectory(zip)[1]!.localOffset + 1);
    expectRefusal(() => readZip(moved, ZIP), damaged('Connections.csv', 'it is not where the table of contents says'));
    const past = zip.slice();
    put32(past, central('Connections.csv') + 20, zip.length);
    expectRefusal(() => readZip(past, ZIP), damaged('Connections.csv', 'it runs past the end of the ZIP'));
  });

  it('reads what fflate’s zipSync writes, at every level, as fflate does (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 5000 }),
          fc.string({ maxLength: 60 }).map((s) => strToU8(s.repeat(300))),
        ),
        fc.constantFrom(0, 1, 6, 9),
        (bytes, level) => {
          const zip = zipSync({ 'a/Connections.csv': bytes, 'Profile.csv': strToU8(PROFILE) }, { level: level as 0 | 1 | 6 | 9 });
          const files = readZip(zip, ZIP);
          expect(files.map((f) => f.path)).toEqual(['a/Connections.csv', 'Profile.csv']);
          expect(files[0]?.bytes).toEqual(bytes);
        },
      ),
      { numRuns: 200 },
    );
  });
});
