/**
 * The slice of papaparse's API that shared/ uses, typed without Node: the
 * published @types/papaparse references Node's types, which would quietly
 * give shared/ Node globals. shared/tsconfig.json maps 'papaparse' here; the
 * other folders use the published types.
 */
declare module 'papaparse' {
  export interface ParseError {
    type: string;
    code: string;
    message: string;
    row?: number;
  }
  export interface ParseMeta {
    delimiter: string;
    linebreak: string;
    aborted: boolean;
    truncated: boolean;
    cursor: number;
  }
  export interface ParseResult<T> {
    data: T[];
    errors: ParseError[];
    meta: ParseMeta;
  }
  export interface Parser {
    pause(): void;
    resume(): void;
    abort(): void;
  }
  export interface ParseConfig<T> {
    delimiter?: string;
    newline?: string;
    quoteChar?: string;
    escapeChar?: string;
    preview?: number;
    chunkSize?: number;
    chunk?(results: ParseResult<T>, parser: Parser): void;
    complete?(results: ParseResult<T>): void;
    error?(error: Error): void;
  }
  export interface UnparseConfig {
    quotes?: boolean | boolean[];
    newline?: string;
    delimiter?: string;
    header?: boolean;
  }
  interface PapaStatic {
    parse<T>(input: string, config?: ParseConfig<T>): ParseResult<T>;
    unparse(data: { fields: string[]; data: unknown[][] } | unknown[][], config?: UnparseConfig): string;
  }
  const Papa: PapaStatic;
  export default Papa;
}
