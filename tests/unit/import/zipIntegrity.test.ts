import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { runCli } from '../../../electron/cli/main.js';
import { KithError } from '../../../shared/api/envelope.js';
import { crc32 } from '../../../shared/import/crc32.js';
import { readCentralDirectory, readZip, type CentralEntry } from '../../../shared/import/zip.js';
import { linkedinFixtures } from '../../fixtures/generate-linkedin.js';
import { useTempDirs } from '../support/tempDir.js';
import { thrown } from './support.js';

const ZIP = 'Basic_LinkedInDataExport_01-15-2026.zip';
const CONNECTIONS =
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lee,https://www.linkedin.com/in/ada,,Acme,CTO,08 Jan 2024\n';
const PROFILE = 'First Name,Last Name,Headline\nRobin,Ode,Founder\n';

const u16 = (b: Uint8Array, at: number) => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
const put16 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint16(at, v, true);
const put32 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint32(at, v, true);
const put64 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer, b.byteOffset).setBigUint64(at, BigInt(v), true);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

/** Where an entry's data lies: walks the local headers from the start, as fflate's `zipSync` writes them (sizes in the header). */
function dataOf(zip: Uint8Array, name: string): { start: number; size: number; method: number } {
  for (let at = 0; u32(zip, at) === 0x04034b50;) {
    const size = u32(zip, at + 18);
    const nameLength = u16(zip, at + 26);
    const start = at + 30 + nameLength + u16(zip, at + 28);
    if (text(zip.subarray(at + 30, at + 30 + nameLength)) === name) return { start, size, method: u16(zip, at + 8) };
    at = start + size;
  }
  throw new Error(`no local header for ${name}`);
}

/** The offset of an entry's central directory header (the archive has no comment). */
function centralHeaderOf(zip: Uint8Array, name: string): number {
  const end = zip.length - 22;
  let at = u32(zip, end + 16);
  for (let i = 0; i < u16(zip, end + 10); i++) {
    const nameLength = u16(zip, at + 28);
    if (text(zip.subarray(at + 46, at + 46 + nameLength)) === name) return at;
    at += 46 + nameLength + u16(zip, at + 30) + u16(zip, at + 32);
  }
  throw new Error(`no central header for ${name}`);
}

function expectDamaged(fn: () => unknown, entry: string, zipName = ZIP): void {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(KithError);
  expect((err as KithError).code).toBe('rejected');
  expect((err as KithError).message).toBe(`${entry} in ${zipName} is damaged (its checksum does not match). Download the export again.`);
}

/** A small export: Connections.csv stored (level 0), the others deflated. */
function storedExport(connections = CONNECTIONS): Uint8Array {
  return zipSync({
    'Profile.csv': strToU8(PROFILE),
    'Connections.csv': [strToU8(connections), { level: 0 }],
    'Invitations.csv': strToU8('From,To,Sent At,Message,Direction\n'),
    'Ad_Targeting.csv': strToU8('x'.repeat(1000)),
  });
}

/** The archive with a ZIP64 end record and locator before the end record, whose count and offset then read 0xFFFF / 0xFFFFFFFF. */
function asZip64(zip: Uint8Array): Uint8Array {
  const end = zip.length - 22;
  const out = new Uint8Array(zip.length + 56 + 20);
  out.set(zip.subarray(0, end));
  const record = end;
  put32(out, record, 0x06064b50);
  put64(out, record + 4, 44); // the size of the rest of the record
  put16(out, record + 12, 45);
  put16(out, record + 14, 45);
  put64(out, record + 24, u16(zip, end + 8));
  put64(out, record + 32, u16(zip, end + 10));
  put64(out, record + 40, u32(zip, end + 12));
  put64(out, record + 48, u32(zip, end + 16));
  const locator = record + 56;
  put32(out, locator, 0x07064b50);
  put64(out, locator + 8, record);
  put32(out, locator + 16, 1);
  const eocd = locator + 20;
  out.set(zip.subarray(end), eocd);
  put16(out, eocd + 8, 0xffff);
  put16(out, eocd + 10, 0xffff);
  put32(out, eocd + 12, 0xffffffff);
  put32(out, eocd + 16, 0xffffffff);
  return out;
}

/**
 * The archive as a ZIP64 writer lays it out: each local header's sizes read 0xFFFFFFFF, the real ones in a ZIP64 extra
 * field of its own (so local and central extra fields differ in length); each central header's sizes and local offset
 * read 0xFFFFFFFF, the real ones in a ZIP64 extra field after an unrelated one; then the ZIP64 end record (`asZip64`,
 * without which fflate does not look for the extra fields). For archives as fflate's `zipSync` writes them.
 */
function withZip64Fields(zip: Uint8Array, zip64EndRecord = true): Uint8Array {
  const parts: Uint8Array[] = [];
  const moved = new Map<number, number>(); // each local header's offset: before → after
  let written = 0;
  for (let at = 0; u32(zip, at) === 0x04034b50;) {
    const nameLength = u16(zip, at + 26);
    const extraLength = u16(zip, at + 28);
    const compressed = u32(zip, at + 18);
    const headerEnd = at + 30 + nameLength + extraLength;
    const local = new Uint8Array(30 + nameLength + extraLength + 20);
    local.set(zip.subarray(at, headerEnd));
    put32(local, 18, 0xffffffff);
    put32(local, 22, 0xffffffff);
    put16(local, 28, extraLength + 20);
    const field = 30 + nameLength + extraLength;
    put16(local, field, 0x0001);
    put16(local, field + 2, 16);
    put64(local, field + 4, u32(zip, at + 22));
    put64(local, field + 12, compressed);
    moved.set(at, written);
    parts.push(local, zip.subarray(headerEnd, headerEnd + compressed));
    written += local.length + compressed;
    at = headerEnd + compressed;
  }
  const directoryAt = written;
  const end = zip.length - 22;
  let at = u32(zip, end + 16);
  for (let i = 0; i < u16(zip, end + 10); i++) {
    const nameLength = u16(zip, at + 28);
    const rest = u16(zip, at + 30) + u16(zip, at + 32); // extra field and comment
    const header = new Uint8Array(46 + nameLength + 8 + 28 + rest);
    header.set(zip.subarray(at, at + 46 + nameLength));
    put32(header, 20, 0xffffffff);
    put32(header, 24, 0xffffffff);
    put32(header, 42, 0xffffffff);
    put16(header, 30, u16(zip, at + 30) + 8 + 28);
    const other = 46 + nameLength;
    put16(header, other, 0xcafe); // a field of an id nobody uses, 4 bytes long
    put16(header, other + 2, 4);
    const field = other + 8;
    put16(header, field, 0x0001);
    put16(header, field + 2, 24);
    put64(header, field + 4, u32(zip, at + 24));
    put64(header, field + 12, u32(zip, at + 20));
    put64(header, field + 20, moved.get(u32(zip, at + 42)) as number);
    header.set(zip.subarray(at + 46 + nameLength, at + 46 + nameLength + rest), field + 28);
    parts.push(header);
    written += header.length;
    at += 46 + nameLength + rest;
  }
  const record = zip.slice(end);
  put32(record, 12, written - directoryAt);
  put32(record, 16, directoryAt);
  const out = concat(...parts, record);
  return zip64EndRecord ? asZip64(out) : out;
}

/** The archive with a ZIP comment appended (fflate's `zipSync` writes none). */
function withComment(zip: Uint8Array, comment: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip.length + comment.length);
  out.set(zip);
  out.set(comment, zip.length);
  put16(out, zip.length - 2, comment.length);
  return out;
}

describe('crc32', () => {
  it('is the ZIP/zlib CRC-32 (check value of "123456789")', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('equals zlib.crc32 for random bytes of every length up to 300 and at any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(crc32(view)).toBe(zlibCrc32(view));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([0, 1, 3, 7, 8, 9, 15, 16, 17, 4096 + 5])('equals zlib.crc32 for %i random bytes', (length) => {
    for (let i = 0; i < 20; i++) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  it('equals zlib.crc32 for a few MB, and returns an unsigned 32-bit number', () => {
    const bytes = new Uint8Array(randomBytes(6 * 1024 * 1024 + 3));
    const value = crc32(bytes);
    expect(value).toBe(zlibCrc32(bytes));
    expect(Number.isInteger(value) && value >= 0 && value <= 0xffffffff).toBe(true);
    expect(crc32(new Uint8Array(3 * 1024 * 1024).fill(0xff))).toBe(zlibCrc32(new Uint8Array(3 * 1024 * 1024).fill(0xff)));
  });
});

describe('readZip checks the CRC-32 of every file it extracts', () => {
  it('extracts a valid archive with stored and deflated files exactly as before', () => {
    const zip = storedExport();
    expect(dataOf(zip, 'Connections.csv').method).toBe(0);
    expect(dataOf(zip, 'Profile.csv').method).toBe(8);
    const files = readZip(zip, ZIP);
    const plain = unzipSync(zip, { filter: (f) => f.name !== 'Ad_Targeting.csv' });
    expect(files.map((f) => f.path)).toEqual(['Profile.csv', 'Connections.csv', 'Invitations.csv']);
    for (const f of files) expect(f.bytes).toEqual(plain[f.path]);
    expect(text(files[1]!.bytes)).toBe(CONNECTIONS);
  });

  it('extracts every generated fixture export as fflate alone does', () => {
    for (const [name, zip] of Object.entries(linkedinFixtures())) {
      if (!name.endsWith('.zip') || name.startsWith('bad/')) continue;
      const files = readZip(zip, name);
      expect(files.length).toBeGreaterThanOrEqual(3);
      const plain = unzipSync(zip);
      for (const f of files) expect(f.bytes).toEqual(plain[f.path]);
    }
  });

  it('refuses a stored Connections.csv with one byte flipped, naming the file and the ZIP', () => {
    const zip = storedExport();
    const { start, size } = dataOf(zip, 'Connections.csv');
    zip[start + Math.floor(size / 2)]! ^= 0x01;
    expectDamaged(() => readZip(zip, ZIP), 'Connections.csv');
  });

  it('refuses when the CRC-32 in the central directory is wrong', () => {
    const zip = storedExport();
    zip[centralHeaderOf(zip, 'Connections.csv') + 16]! ^= 0x80;
    expectDamaged(() => readZip(zip, ZIP), 'Connections.csv');
  });

  it('refuses a deflated file whose stream still inflates to the declared size, but to other bytes', () => {
    // Incompressible bytes: deflate keeps them in a stored block (a 5-byte block header, then the bytes as they
    // are), so a flipped byte past the header inflates without any error from fflate.
    const original = new Uint8Array(randomBytes(4000));
    const zip = zipSync({ 'Basic/Connections.csv': original, 'Profile.csv': strToU8(PROFILE) });
    const { start, method } = dataOf(zip, 'Basic/Connections.csv');
    expect(method).toBe(8);
    zip[start + 100]! ^= 0x20;
    const inflated = unzipSync(zip)['Basic/Connections.csv'];
    expect(inflated).toHaveLength(original.length);
    expect(inflated).not.toEqual(original);
    expectDamaged(() => readZip(zip, ZIP), 'Basic/Connections.csv');
  });

  it('never returns mangled bytes: one corrupted byte in a stored file is refused (property)', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('"', '""', ',', '\n'),
    );
    const csv = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 7 }), { maxLength: 20 })
      .map((rows) => [CONNECTIONS.split('\n')[0], ...rows.map((r) => r.join(','))].join('\n'));
    fc.assert(
      fc.property(
        csv,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 255 }),
        (content, where, xor) => {
          const original = strToU8(content);
          const zip = storedExport(content);
          const { start, size } = dataOf(zip, 'Connections.csv');
          expect(size).toBe(original.length);
          zip[start + Math.floor(where * size)]! ^= xor;
          let files;
          try {
            files = readZip(zip, ZIP);
          } catch (err) {
            expect(err).toBeInstanceOf(KithError);
            expect((err as KithError).code).toBe('rejected');
            expect((err as KithError).message).toMatch(/Connections\.csv in .* is damaged/);
            return;
          }
          // CRC-32 catches every single-byte change, so this is never reached; if it were, the bytes must be the original ones.
          expect(files.find((f) => f.path === 'Connections.csv')?.bytes).toEqual(original);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never returns mangled bytes from a deflated file with one corrupted byte either (property)', () => {
    const zip = zipSync({ 'Connections.csv': strToU8(CONNECTIONS.repeat(20)) });
    const { start, size } = dataOf(zip, 'Connections.csv');
    fc.assert(
      fc.property(fc.nat(size - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const bad = zip.slice();
        bad[start + at]! ^= xor;
        let files;
        try {
          files = readZip(bad, ZIP);
        } catch (err) {
          expect(err).toBeInstanceOf(KithError);
          expect((err as KithError).code).toBe('rejected');
          return;
        }
        expect(text(files[0]!.bytes)).toBe(CONNECTIONS.repeat(20));
      }),
      { numRuns: 200 },
    );
  });

  it('reads an archive with a ZIP comment, up to the longest one (65,535 bytes)', () => {
    for (const length of [1, 100, 0xffff]) {
      const zip = withComment(storedExport(), strToU8('c'.repeat(length)));
      expect(text(readZip(zip, ZIP).find((f) => f.path === 'Connections.csv')!.bytes)).toBe(CONNECTIONS);
      expect(readCentralDirectory(zip).map((e) => e.name)).toEqual([
        'Profile.csv',
        'Connections.csv',
        'Invitations.csv',
        'Ad_Targeting.csv',
      ]);
    }
    const bad = withComment(storedExport(), strToU8('a comment'));
    bad[dataOf(bad, 'Connections.csv').start]! ^= 0x04;
    expectDamaged(() => readZip(bad, ZIP), 'Connections.csv');
  });

  it('reads a ZIP64 archive (count and offset in the ZIP64 end record) and still checks it', () => {
    const zip = asZip64(storedExport());
    expect(u16(zip, zip.length - 22 + 10)).toBe(0xffff);
    expect(text(readZip(zip, ZIP).find((f) => f.path === 'Connections.csv')!.bytes)).toBe(CONNECTIONS);
    expect(readCentralDirectory(zip)).toEqual(readCentralDirectory(storedExport()));
    zip[dataOf(zip, 'Connections.csv').start + 3]! ^= 0x10;
    expectDamaged(() => readZip(zip, ZIP), 'Connections.csv');
  });

  it('reads a ZIP64 archive whose sizes and local offsets are in ZIP64 extra fields, and still checks it', () => {
    const original = storedExport();
    const zip = withZip64Fields(original);
    const entries = readCentralDirectory(zip);
    const withoutOffset = ({ localOffset: _, ...rest }: CentralEntry) => rest;
    expect(entries.map(withoutOffset)).toEqual(readCentralDirectory(original).map(withoutOffset));
    expect(entries[1]).toMatchObject({ name: 'Connections.csv', method: 0, size: CONNECTIONS.length, compressedSize: CONNECTIONS.length });
    // Every 32-bit size and offset reads 0xFFFFFFFF: the values above come from the extra fields.
    let at = u32(zip, zip.length - 22 - 20 - 56 + 48); // the directory's offset, in the ZIP64 end record
    for (const entry of entries) {
      for (const field of [20, 24, 42]) expect(u32(zip, at + field)).toBe(0xffffffff);
      at += 46 + u16(zip, at + 28) + u16(zip, at + 30) + u16(zip, at + 32);
      // The offset is where the local header now is (20 bytes further for each earlier entry).
      expect(u32(zip, entry.localOffset)).toBe(0x04034b50);
      expect(text(zip.subarray(entry.localOffset + 30, entry.localOffset + 30 + entry.name.length))).toBe(entry.name);
    }
    const files = readZip(zip, ZIP);
    expect(files.map((f) => f.path)).toEqual(['Profile.csv', 'Connections.csv', 'Invitations.csv']);
    const plain = unzipSync(zip);
    for (const f of files) expect(f.bytes).toEqual(plain[f.path]);
    expect(files).toEqual(readZip(original, ZIP));
    const connections = entries[1]!;
    zip[connections.localOffset + 30 + u16(zip, connections.localOffset + 26) + u16(zip, connections.localOffset + 28) + 5]! ^= 0x01;
    expectDamaged(() => readZip(zip, ZIP), 'Connections.csv');
  });

  it('refuses ZIP64 extra fields without the ZIP64 end record: fflate then reads 0xFFFFFFFF as the size, Kith never inflates another', () => {
    const zip = withZip64Fields(storedExport(), false);
    expect(readCentralDirectory(zip)[1]).toMatchObject({ name: 'Connections.csv', size: CONNECTIONS.length });
    expect(() => readZip(zip, ZIP)).toThrow(/^Profile\.csv in .* unpacks to 4096 MB; Kith reads at most 100 MB per file\.$/);
    const err = thrown(() => readZip(zip, ZIP, { maxEntryBytes: 2 ** 40, maxTotalBytes: 2 ** 42 }));
    expect(err).toBeInstanceOf(KithError);
    expect((err as KithError).message).toBe(
      `${ZIP} is damaged (its table of contents cannot be read: it gives two sizes for Profile.csv). Download the export again.`,
    );
  });

  it('decodes names as fflate does: UTF-8 with bit 11, byte for byte without', () => {
    const utf = zipSync({ 'Exporté/Connections.csv': strToU8(CONNECTIONS) });
    expect(readCentralDirectory(utf).map((e) => e.name)).toEqual(['Exporté/Connections.csv']);
    expect(readZip(utf, ZIP).map((f) => f.path)).toEqual(['Exporté/Connections.csv']);
    // The same name written in a legacy code page: no bit 11, the byte 0xE9 read as one character.
    const legacy = zipSync({ 'Export_/Connections.csv': strToU8(CONNECTIONS) });
    // The '_' of the name in the local header (at 0, name from 30) and in the central header (name from 46).
    for (const at of [30 + 6, centralHeaderOf(legacy, 'Export_/Connections.csv') + 46 + 6]) {
      expect(legacy[at]).toBe(0x5f);
      legacy[at] = 0xe9;
    }
    const [entry] = readCentralDirectory(legacy);
    expect(entry).toMatchObject({ name: 'Export\u00e9/Connections.csv', crc: zlibCrc32(strToU8(CONNECTIONS)) });
    expect(Object.keys(unzipSync(legacy))).toEqual([entry!.name]);
    expect(readZip(legacy, ZIP).map((f) => f.path)).toEqual(['Export\u00e9/Connections.csv']);
  });

  it('refuses an archive whose central directory fflate can walk but Kith cannot read', () => {
    const zip = storedExport();
    // A central header's signature is not checked by fflate: it still unzips, but the table is damaged.
    zip[centralHeaderOf(zip, 'Invitations.csv')]! ^= 0xff;
    expect(() => unzipSync(zip)).not.toThrow();
    const err = thrown(() => readZip(zip, ZIP));
    expect(err).toBeInstanceOf(KithError);
    expect((err as KithError).code).toBe('rejected');
    expect((err as KithError).message).toMatch(
      /^Basic_LinkedInDataExport_01-15-2026\.zip is damaged \(its table of contents cannot be read: .*\)\. Download the export again\.$/,
    );
  });

  it('refuses an archive that holds an export file twice: the limits would check one and fflate return the other', () => {
    const big = 'x'.repeat(5000);
    // Two entries whose names differ in one letter, then the second renamed in its local and central headers.
    const zip = zipSync({ 'Connections.csv': strToU8(CONNECTIONS), 'Connectionz.csv': strToU8(CONNECTIONS + big) }, { level: 0 });
    const local = dataOf(zip, 'Connectionz.csv').start - 'Connectionz.csv'.length;
    const central = centralHeaderOf(zip, 'Connectionz.csv') + 46;
    for (const at of [local, central]) zip.set(strToU8('Connections.csv'), at);
    expect(Object.keys(unzipSync(zip))).toEqual(['Connections.csv']);
    const err = thrown(() => readZip(zip, ZIP, { maxEntryBytes: 1000, maxTotalBytes: 1000 }));
    expect(err).toBeInstanceOf(KithError);
    expect((err as KithError).code).toBe('rejected');
    expect((err as KithError).message).toBe(
      `${ZIP} holds Connections.csv more than once, so Kith cannot tell which is the export's. Download the export again.`,
    );
  });

  it('keeps the earlier refusals: cut short, over the limits', () => {
    const zip = storedExport();
    expect(() => readZip(zip.slice(0, 200), ZIP)).toThrow(/not a ZIP file Kith can read/);
    expect(() => readZip(zip, ZIP, { maxEntryBytes: 10, maxTotalBytes: 1000 })).toThrow(
      /unpacks to 0\.0 MB; Kith reads at most 0\.0 MB per file/,
    );
  });
});

describe('readCentralDirectory (handcrafted bytes)', () => {
  /** An end record (22 bytes) for `count` entries at `offset`. */
  const eocd = (count: number, offset: number) => {
    const b = new Uint8Array(22);
    put32(b, 0, 0x06054b50);
    put16(b, 8, count);
    put16(b, 10, count);
    put32(b, 16, offset);
    return b;
  };
  /** One central header (46 bytes, the name and the extra field) with the given CRC-32, flags, and other fields (0 unless given). */
  const header = (
    name: Uint8Array,
    crc: number,
    flags = 0,
    fields: { method?: number; compressedSize?: number; size?: number; localOffset?: number; extra?: Uint8Array } = {},
  ) => {
    const extra = fields.extra ?? new Uint8Array(0);
    const b = new Uint8Array(46 + name.length + extra.length);
    put32(b, 0, 0x02014b50);
    put16(b, 8, flags);
    put16(b, 10, fields.method ?? 0);
    put32(b, 16, crc);
    put32(b, 20, fields.compressedSize ?? 0);
    put32(b, 24, fields.size ?? 0);
    put16(b, 28, name.length);
    put16(b, 30, extra.length);
    put32(b, 42, fields.localOffset ?? 0);
    b.set(name, 46);
    b.set(extra, 46 + name.length);
    return b;
  };
  /** An extra field: its id, its length, then the 8-byte values. */
  const extraField = (id: number, ...values: number[]) => {
    const b = new Uint8Array(4 + 8 * values.length);
    put16(b, 0, id);
    put16(b, 2, 8 * values.length);
    values.forEach((v, i) => put64(b, 4 + 8 * i, v));
    return b;
  };
  /** A ZIP64 field with the 4-byte disk number after its values. */
  const withDiskNumber = (field: Uint8Array) => {
    const b = concat(field, new Uint8Array(4));
    put16(b, 2, field.length);
    return b;
  };
  const WIDE = 0xffffffff;

  it('reads names, CRCs, flags, methods, sizes and local offsets, both name encodings, and an empty directory', () => {
    const a = header(strToU8('a/Connections.csv'), 0xdeadbeef, 0x800, { method: 8, compressedSize: 1000, size: 5000 });
    const b = header(new Uint8Array([0x4e, 0xe9, 0x2e, 0x63]), 0x01020304, 0, { compressedSize: 7, size: 7, localOffset: 1234 });
    expect(readCentralDirectory(concat(a, b, eocd(2, 0)))).toEqual([
      { name: 'a/Connections.csv', crc: 0xdeadbeef, flags: 0x800, method: 8, compressedSize: 1000, size: 5000, localOffset: 0 },
      { name: 'N\u00e9.c', crc: 0x01020304, flags: 0, method: 0, compressedSize: 7, size: 7, localOffset: 1234 },
    ]);
    expect(readCentralDirectory(eocd(0, 0))).toEqual([]);
  });

  it('uses the ZIP64 end record when its locator precedes the end record, and ZIP64 extra fields for sizes and offsets', () => {
    const entries = [
      // All three in the ZIP64 field (after a field of another id), in its order: size, compressed size, offset.
      header(strToU8('Connections.csv'), 0xffffffff, 0, {
        method: 8,
        compressedSize: WIDE,
        size: WIDE,
        localOffset: WIDE,
        extra: concat(extraField(0x000a, 0), extraField(0x0001, 5 * 2 ** 32 + 1, 6_000_000_000, 2 ** 32 + 7)),
      }),
      // Only the offset is wide: the field holds it alone.
      header(strToU8('Profile.csv'), 1, 0, { compressedSize: 10, size: 10, localOffset: WIDE, extra: extraField(0x0001, 99) }),
      // The compressed size alone, with the disk number the field may also hold (4 bytes, not read).
      header(strToU8('Invitations.csv'), 2, 0, {
        method: 8,
        compressedSize: WIDE,
        size: 20,
        extra: withDiskNumber(extraField(0x0001, 12)),
      }),
      // 0xFFFFFFFF without a ZIP64 field stays as it is, as fflate reads it.
      header(strToU8('messages.csv'), 3, 0, { compressedSize: 5, size: WIDE }),
    ];
    const directory = concat(...entries);
    const record = new Uint8Array(56);
    put32(record, 0, 0x06064b50);
    put64(record, 32, entries.length);
    put64(record, 48, 7); // the directory follows 7 bytes of padding
    const locator = new Uint8Array(20);
    put32(locator, 0, 0x07064b50);
    put64(locator, 8, 7 + directory.length);
    const zip = concat(new Uint8Array(7), directory, record, locator, eocd(0xffff, 0xffffffff));
    expect(readCentralDirectory(zip)).toEqual([
      {
        name: 'Connections.csv',
        crc: 0xffffffff,
        flags: 0,
        method: 8,
        compressedSize: 6_000_000_000,
        size: 5 * 2 ** 32 + 1,
        localOffset: 2 ** 32 + 7,
      },
      { name: 'Profile.csv', crc: 1, flags: 0, method: 0, compressedSize: 10, size: 10, localOffset: 99 },
      { name: 'Invitations.csv', crc: 2, flags: 0, method: 8, compressedSize: 12, size: 20, localOffset: 0 },
      { name: 'messages.csv', crc: 3, flags: 0, method: 0, compressedSize: 5, size: WIDE, localOffset: 0 },
    ]);
    // An offset beyond 2^53 (or the file) is refused, not read as a number.
    put32(zip, 7 + directory.length + 48 + 4, 0xffffffff);
    expect(() => readCentralDirectory(zip)).toThrow(/past the end/);
  });

  it('refuses a ZIP64 extra field that cannot hold the values it stands for, or a value beyond 2^53', () => {
    const wide = { compressedSize: WIDE, size: WIDE };
    const name = strToU8('Connections.csv');
    // Two values needed, one given.
    expect(() => readCentralDirectory(concat(header(name, 1, 0, { ...wide, extra: extraField(0x0001, 10) }), eocd(1, 0)))).toThrow(
      /the ZIP64 sizes of Connections\.csv are cut short/,
    );
    // The field says 16 bytes, the extra field ends after 8 of them.
    const cut = header(name, 1, 0, { ...wide, extra: extraField(0x0001, 10, 20) });
    put16(cut, 30, 12);
    const rest = cut.subarray(0, cut.length - 8);
    expect(() => readCentralDirectory(concat(rest, eocd(1, 0)))).toThrow(/the ZIP64 sizes of Connections\.csv are cut short/);
    // An extra field longer than the file.
    const long = header(name, 1, 0, { ...wide, extra: extraField(0x0001, 10, 20) });
    put16(long, 30, 5000);
    expect(() => readCentralDirectory(concat(long, eocd(1, 0)))).toThrow(/past the end/);
    const huge = header(name, 1, 0, { ...wide, extra: extraField(0x0001, 10, 20) });
    put32(huge, 46 + name.length + 4 + 4, 0x200000);
    expect(() => readCentralDirectory(concat(huge, eocd(1, 0)))).toThrow(/past the end/);
  });

  it('refuses what it cannot read, with a reason', () => {
    expect(() => readCentralDirectory(new Uint8Array(10))).toThrow(/no end of central directory record/);
    expect(() => readCentralDirectory(concat(new Uint8Array(40_000), eocd(1, 0), new Uint8Array(0x10000)))).toThrow(
      /no end of central directory record/,
    );
    expect(() => readCentralDirectory(eocd(1, 0))).toThrow(/entry 1 of 1 is not where the directory says/);
    expect(() => readCentralDirectory(eocd(1, 1000))).toThrow(/past the end/);
    const cut = header(strToU8('Connections.csv'), 1);
    put16(cut, 28, 5000);
    expect(() => readCentralDirectory(concat(cut, eocd(1, 0)))).toThrow(/past the end/);
  });
});

describe('a damaged ZIP through the import channels', () => {
  const tempDir = useTempDirs();
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  const quiet = { out: () => undefined, err: () => undefined };

  it('is refused by import:preview and kith import, naming the file, with the data file byte-identical', async () => {
    const fixtures = linkedinFixtures();
    const file = (name: string) => fixtures[`Complete_LinkedInDataExport_01-15-2026/${name}`] as Uint8Array;
    const files: Zippable = {
      'Connections.csv': [file('Connections.csv'), { level: 0 }],
      'Invitations.csv': file('Invitations.csv'),
      'Profile.csv': file('Profile.csv'),
    };
    const dir = await tempDir();
    const good = join(dir, 'good', ZIP);
    const bad = join(dir, ZIP);
    const zip = zipSync(files);
    await mkdir(join(dir, 'good'));
    await writeFile(good, zip);
    const { start, size } = dataOf(zip, 'Connections.csv');
    zip[start + Math.floor(size * 0.6)]! ^= 0x02; // one letter of a name changes case or shape
    await writeFile(bad, zip);

    const path = join(dir, 'kith.json');
    expect(await runCli(['init', '--data', path, '--owner', 'Robin'], quiet)).toBe(0);
    const backend = await createBackend({ dataPath: path, saveDebounceMs: 0, watch: false });
    open.push(backend);
    const created = await backend.call('person:create', { name: 'Ada' });
    expect(created.ok).toBe(true);
    await backend.session().store.flush();
    const before = await readFile(path);

    // The same archive undamaged imports: the refusal is the damage's.
    expect(await backend.call('import:preview', { source: { kind: 'path', path: good } })).toMatchObject({ ok: true });
    const result = await backend.call('import:preview', { source: { kind: 'path', path: bad } });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'rejected',
        message: `Connections.csv in ${ZIP} is damaged (its checksum does not match). Download the export again.`,
      },
    });
    await backend.session().store.flush();
    expect(await readFile(path)).toEqual(before);
    await backend.close();
    open.length = 0;

    let out = '';
    let err = '';
    const code = await runCli(['import', bad, '--data', path, '--json'], { out: (s) => (out += s), err: (s) => (err += s) });
    expect(code).not.toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/Connections\.csv in Basic_LinkedInDataExport_01-15-2026\.zip is damaged/);
    expect(await readFile(path)).toEqual(before);
  });
});
