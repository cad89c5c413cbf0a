/**
 * The slice of papaparse that shared/import uses. Imported by its file path so
 * that `@types/papaparse`, which pulls in Node's types with a triple-slash
 * reference, stays out of shared/ (where a stray `Buffer` must fail the
 * typecheck).
 */
declare module 'papaparse/papaparse.js' {
  export interface PapaParser {
    pause(): void;
    resume(): void;
    abort(): void;
  }
  export interface PapaResult {
    data: string[][];
    errors: Array<{ type: string; code: string; message: string; row?: number }>;
    meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean; cursor: number };
  }
  export interface PapaConfig {
    delimiter?: string;
    newline?: string;
    quoteChar?: string;
    escapeChar?: string;
    preview?: number;
    chunkSize?: number;
    skipEmptyLines?: boolean | 'greedy';
    chunk?: (results: PapaResult, parser: PapaParser) => void;
    complete?: () => void;
    error?: (error: Error) => void;
  }
  const Papa: { parse(input: string, config?: PapaConfig): PapaResult };
  export default Papa;
}
