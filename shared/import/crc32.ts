/**
 * CRC-32 as ZIP, gzip and zlib use it (IEEE 802.3, reflected polynomial 0xEDB88320, initial value and
 * final XOR 0xFFFFFFFF). Plain TypeScript because shared/ uses no Node APIs (`zlib.crc32` is the same
 * function; the tests compare against it).
 *
 * Slicing-by-8: eight 256-entry tables let one step fold eight bytes with eight lookups instead of
 * eight dependent steps, so a 6 MB Connections.csv takes a few milliseconds.
 */

/** Tables 0…7 one after another: table k at [k·256, k·256 + 256). Built on first use. */
let tables: Int32Array | undefined;

function buildTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  // Table 0: the CRC of each single byte, bit by bit.
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  // Table k: the byte's CRC pushed through k more zero bytes.
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

/** The CRC-32 of the bytes, an unsigned 32-bit number (what a ZIP's headers store). */
export function crc32(bytes: Uint8Array): number {
  const t = (tables ??= buildTables());
  const b = bytes;
  const n = b.length;
  let crc = -1;
  let i = 0;
  // Eight bytes at a time: the first four are folded into the running CRC, the next four are looked up as they are.
  for (const end = n - 7; i < end; i += 8) {
    const lo = crc ^ ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24));
    const hi = (b[i + 4] as number) | ((b[i + 5] as number) << 8) | ((b[i + 6] as number) << 16) | ((b[i + 7] as number) << 24);
    crc =
      (t[1792 + (lo & 0xff)] as number) ^
      (t[1536 + ((lo >>> 8) & 0xff)] as number) ^
      (t[1280 + ((lo >>> 16) & 0xff)] as number) ^
      (t[1024 + (lo >>> 24)] as number) ^
      (t[768 + (hi & 0xff)] as number) ^
      (t[512 + ((hi >>> 8) & 0xff)] as number) ^
      (t[256 + ((hi >>> 16) & 0xff)] as number) ^
      (t[hi >>> 24] as number);
  }
  // The last 0…7 bytes one at a time.
  for (; i < n; i++) crc = (t[(crc ^ (b[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
