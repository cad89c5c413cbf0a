import Papa, { type ParseResult, type Parser } from 'papaparse';

/** Rows of a CSV file with the 1-based physical line each row starts on. */
export interface CsvTable {
  readonly rows: string[][];
  readonly lines: number[];
}

export interface CsvOptions {
  readonly delimiter: string;
  /** Called between chunks of about 1 MB so that a long parse does not hold the thread. */
  readonly pause?: () => Promise<void>;
  readonly onProgress?: (doneChars: number, totalChars: number) => void;
  /**
   * Texts up to this many characters are parsed in one call, without pauses
   * (default 8 Mi: LinkedIn's cap of 30,000 connections is about 3 MB, read
   * in some 20 ms); longer ones in chunks of about 1 MB with `pause` between.
   */
  readonly syncParseChars?: number;
}

const CHUNK_CHARS = 1 << 20;
const SYNC_PARSE_CHARS = 8 << 20;
const LINE_BREAK = /\r\n|\r|\n/g;

/** The line break of the first line: `\r\n`, `\n` or `\r` (papaparse is told, not left to guess per chunk). */
export function lineBreakOf(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) return text[cr + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/**
 * Parses CSV text with papaparse (RFC 4180 quoting, `""` escapes, quoted line
 * breaks). Blank lines come back as `['']` rows, so that line numbers stay
 * true: a row starts one line after the previous row plus the line breaks
 * inside its quoted fields. Never throws on malformed input; quoting errors
 * show up as rows with the wrong number of fields.
 */
export async function parseCsv(text: string, options: CsvOptions): Promise<CsvTable> {
  const newline = lineBreakOf(text);
  const config = { delimiter: options.delimiter, newline, quoteChar: '"', escapeChar: '"' } as const;
  let rows: string[][];
  if (text.length <= (options.syncParseChars ?? SYNC_PARSE_CHARS)) {
    // One call, no chunk bookkeeping: the rows are papaparse's own array, not a copy.
    rows = Papa.parse<string[]>(text, config).data;
    options.onProgress?.(text.length, text.length);
  } else {
    rows = await parseInChunks(text, config, options);
  }
  return { rows, lines: plainLineNumbers(text, newline, rows.length) ?? (await countedLineNumbers(rows, options.pause)) };
}

/** Parses chunk by chunk, pausing between chunks of about 1 MB so that a long parse does not hold the thread. */
async function parseInChunks(
  text: string,
  config: { delimiter: string; newline: '\r\n' | '\n' | '\r'; quoteChar: string; escapeChar: string },
  options: CsvOptions,
): Promise<string[][]> {
  const rows: string[][] = [];
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    try {
      Papa.parse<string[]>(text, {
        ...config,
        chunkSize: CHUNK_CHARS,
        chunk: (result: ParseResult<string[]>, parser: Parser) => {
          for (const row of result.data) rows.push(row);
          done = Math.min(text.length, done + CHUNK_CHARS);
          options.onProgress?.(done, text.length);
          if (options.pause) {
            parser.pause();
            options.pause().then(
              () => parser.resume(),
              (err: unknown) => {
                parser.abort();
                reject(err instanceof Error ? err : new Error(String(err)));
              },
            );
          }
        },
        complete: () => resolve(),
        error: (err: Error) => reject(err),
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  return rows;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) n += 1;
  return n;
}

/**
 * The line each row starts on when no field holds a line break: row `i` on
 * line `i + 1`. That is so when the text holds exactly one line break per row
 * boundary (the `newline` papaparse split on) and no other `\r` or `\n`, which
 * two native scans tell, instead of a look into every field. Undefined otherwise.
 */
function plainLineNumbers(text: string, newline: '\r\n' | '\n' | '\r', rowCount: number): number[] | undefined {
  const boundaries = rowCount - 1;
  const lf = count(text, '\n');
  const cr = count(text, '\r');
  const plain =
    newline === '\n'
      ? lf === boundaries && cr === 0
      : newline === '\r'
        ? cr === boundaries && lf === 0
        : cr === boundaries && lf === boundaries;
  if (!plain) return undefined;
  const lines: number[] = [];
  for (let i = 0; i < rowCount; i++) lines.push(i + 1);
  return lines;
}

/** Rows counted between pauses when line numbers are counted field by field. */
const ROWS_PER_PAUSE = 50_000;

/** The line each row starts on: one line per row plus the line breaks inside its fields. */
async function countedLineNumbers(rows: readonly (readonly string[])[], pause: (() => Promise<void>) | undefined): Promise<number[]> {
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < rows.length; i++) {
    if (pause && i > 0 && i % ROWS_PER_PAUSE === 0) await pause();
    lines.push(line);
    line += 1;
    for (const field of rows[i] as readonly string[]) {
      if (field.length > 0 && (field.includes('\n') || field.includes('\r'))) line += field.match(LINE_BREAK)?.length ?? 0;
    }
  }
  return lines;
}

/** The first `maxRows` rows of `text` (for header detection), parsed synchronously. */
export function previewCsv(text: string, delimiter: string, maxRows: number): string[][] {
  const head = text.length > 262_144 ? text.slice(0, 262_144) : text;
  return Papa.parse<string[]>(head, { delimiter, newline: lineBreakOf(head), quoteChar: '"', escapeChar: '"', preview: maxRows }).data;
}
