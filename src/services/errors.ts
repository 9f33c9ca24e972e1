/**
 * The ways a use case says no. The HTTP layer maps each to a status and an
 * application/problem+json document (RFC 9457); messages are Swedish, for the user, and never
 * contain a personal identity number.
 */
import type { CommitBeforeThrow } from '../store/database.ts';

export interface FieldProblem {
  /** JSON pointer-ish path of the offending field, e.g. "/identityNumber" or "/interventions/2/dueOn". */
  field: string;
  code: string;
  message: string;
}

export class ServiceError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: FieldProblem[];
  readonly extra: Record<string, unknown>;
  constructor(status: number, code: string, message: string, problems: FieldProblem[] = [], extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.problems = problems;
    this.extra = extra;
  }
}

/** 400: the input is malformed; names each field. */
export const invalid = (problems: FieldProblem[], message = 'Uppgifterna är inte giltiga.') =>
  new ServiceError(400, 'invalid', message, problems);

/** 422: well-formed, but the law or the routine does not allow the step yet. */
export const unprocessable = (code: string, message: string, problems: FieldProblem[], extra: Record<string, unknown> = {}) =>
  new ServiceError(422, code, message, problems, extra);

/** 409: the step does not fit the plan's state (or a uniqueness rule). */
export const conflict = (code: string, message: string, problems: FieldProblem[] = []) =>
  new ServiceError(409, code, message, problems);

/** 412: someone else changed the resource since the version the user read. */
export const stale = (current: number) =>
  new ServiceError(412, 'stale_version', 'Någon annan har ändrat detta sedan du läste det. Läs in den nya versionen och gör om din ändring.', [], { currentVersion: current });

/** 428: an edit must say which version it edits (If-Match). */
export const versionRequired = () =>
  new ServiceError(428, 'version_required', 'Ange vilken version du ändrar (If-Match).', [{ field: 'If-Match', code: 'required', message: 'Saknas.' }]);

/**
 * Refusals are audited, and the audit row must survive the refusal: they commit before they throw.
 * 404 for "no such plan" and for "not yours" alike, so that nobody can probe which children have plans.
 */
export class Refusal extends ServiceError implements CommitBeforeThrow {
  readonly commitBeforeThrow = true as const;
}
export const notFound = () => new Refusal(404, 'not_found', 'Det finns inget här som du har tillgång till.');
export const forbidden = (code: string, message: string) => new Refusal(403, code, message);
