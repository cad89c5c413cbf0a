import { z } from 'zod';

/**
 * Error codes that travel across the process boundary. `invalid-input` is a
 * payload that failed the channel's schema; `not-found`, `conflict` and
 * `rejected` are domain refusals; `file-*` concern the data file
 * (`file-read-only`: the file is open for viewing only, and an edit was refused).
 */
export const ERROR_CODES = [
  'invalid-input',
  'unknown-channel',
  'forbidden',
  'not-found',
  'conflict',
  'rejected',
  'file-corrupt',
  'file-locked',
  'file-changed-on-disk',
  'file-read-only',
  'io',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** A sentence for a person: what went wrong and where. */
  message: z.string(),
  /** Path-like details (e.g. `people[3].name: a name is required`). */
  details: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Every call answers with an envelope; nothing throws across the boundary. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** A refusal raised by domain code; the binding turns it into `{ ok: false }`. */
export class KithError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: readonly string[],
  ) {
    super(message);
    this.name = 'KithError';
  }
}

/** Formats zod issues as `path: message` lines, naming the field. */
export function describeZodError(error: z.ZodError, root = 'input'): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.length ? `${root}.${issue.path.map(String).join('.')}` : root;
    return `${path}: ${issue.message}`;
  });
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof KithError) {
    return err.details ? { code: err.code, message: err.message, details: [...err.details] } : { code: err.code, message: err.message };
  }
  if (err instanceof z.ZodError) {
    const details = describeZodError(err);
    return { code: 'invalid-input', message: `Invalid input: ${details[0] ?? 'does not match the schema'}`, details };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
