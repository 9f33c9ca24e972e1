/**
 * Every error leaves as application/problem+json (RFC 9457) that names the field, in Swedish.
 * Unexpected errors are logged with their stack but answered with a plain 500: no SQL, no
 * identity number, no stack trace ever reaches the client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError, type FieldProblem } from '../services/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  problems: FieldProblem[];
  [extra: string]: unknown;
}

function send(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.status(p.status).type('application/problem+json').send(p);
}

const TITLES: Record<number, string> = {
  400: 'Felaktiga uppgifter', 403: 'Inte tillåtet', 404: 'Hittades inte', 409: 'Går inte i detta läge',
  412: 'Någon annan har ändrat', 413: 'För stort', 415: 'Fel innehållstyp', 422: 'Uppgifter saknas',
  414: 'För lång adress', 428: 'Version saknas', 429: 'För många förfrågningar', 401: 'Inte inloggad', 500: 'Något gick fel',
};

interface AjvError { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }

function fieldOf(e: AjvError): string {
  if (e.keyword === 'required') return `${e.instancePath}/${String(e.params.missingProperty)}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${String(e.params.additionalProperty)}`;
  return e.instancePath || '/';
}

const MESSAGES: Record<string, string> = {
  required: 'Saknas.', additionalProperties: 'Okänt fält.', type: 'Fel typ.', format: 'Fel format.',
  minLength: 'För kort.', maxLength: 'För långt.', enum: 'Inte ett tillåtet värde.', pattern: 'Fel format.',
  minimum: 'För litet.', maximum: 'För stort.', minItems: 'För få.', maxItems: 'För många.', anyOf: 'Fel form.', const: 'Inte ett tillåtet värde.',
};

export function problemFromError(error: FastifyError | ServiceError | Error, request: FastifyRequest): Problem {
  if (error instanceof ServiceError) {
    return { type: `https://samplan.se/problem/${error.code}`, title: TITLES[error.status] ?? 'Fel', status: error.status, code: error.code, detail: error.message, problems: error.problems, ...error.extra };
  }
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation) {
    const where = fe.validationContext === 'body' ? '' : `/${fe.validationContext}`;
    const problems = fe.validation
      .filter((e) => e.keyword !== 'anyOf' || fe.validation!.length === 1)
      .map((e) => ({ field: where + fieldOf(e), code: e.keyword, message: MESSAGES[e.keyword] ?? 'Ogiltigt värde.' }));
    return { type: 'https://samplan.se/problem/invalid', title: TITLES[400]!, status: 400, code: 'invalid', detail: 'Uppgifterna är inte giltiga.', problems };
  }
  const fromDb = problemFromDatabase(error as DbError);
  if (fromDb) return fromDb;
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  // Only name, code and stack: database errors carry the statement's parameters, which may hold
  // an identity number, and those must never reach a log line.
  if (status === 500) request.log.error({ err: { type: error.name, code: (error as { code?: unknown }).code, message: error.message, stack: error.stack } }, 'unexpected error');
  const code = status === 500 ? 'internal' : (fe.code ?? 'error').toLowerCase();
  // The router refused the address itself (a broken %-escape, invalid UTF-8, a segment too long).
  if (fe.code === 'FST_ERR_BAD_URL' || fe.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const message = status === 414 ? 'En del av adressen är för lång.' : 'Adressen kan inte läsas.';
    return { type: 'https://samplan.se/problem/bad_url', title: TITLES[status] ?? 'Fel', status, code: 'bad_url', detail: message, problems: [{ field: '/params', code: 'bad_url', message }] };
  }
  const detail = status === 413 ? 'Förfrågan är för stor.' : status === 415 ? 'Skicka JSON.' : status === 400 ? 'Förfrågan kunde inte läsas.' : status === 500 ? 'Ett oväntat fel uppstod. Försök igen.' : TITLES[status] ?? 'Fel';
  return { type: `https://samplan.se/problem/${code}`, title: TITLES[status] ?? 'Fel', status, code, detail, problems: [] };
}

export function sendProblem(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, problemFromError(error, request));
}

export function sendNotFoundRoute(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, { type: 'https://samplan.se/problem/not_found', title: TITLES[404]!, status: 404, code: 'not_found', detail: 'Det finns inget här som du har tillgång till.', problems: [] });
}

interface DbError { code?: unknown; detail?: unknown; column?: unknown; routine?: unknown; severity?: unknown }

/**
 * A safety net under the services' own checks: a constraint the database enforces answers as a
 * 4xx naming the column, never as a 500. (Services check first; reaching this is worth a log line.)
 */
function problemFromDatabase(e: DbError): Problem | null {
  if (typeof e.code !== 'string' || typeof e.severity !== 'string' || !/^(22|23)/.test(e.code)) return null;
  const column = typeof e.column === 'string' ? e.column : /Key \((?:[a-z_]+, )*([a-z_]+)\)/.exec(String(e.detail ?? ''))?.[1];
  const field = column ? '/' + column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) : '/';
  const [status, code, message] = e.code === '23503' ? [400, 'unknown_reference', 'Hänvisar till något som inte finns.']
    : e.code === '23505' ? [409, 'duplicate', 'Finns redan.']
    : e.code.startsWith('23') ? [422, 'constraint', 'Uppgifterna hänger inte ihop.']
    : [400, 'invalid_value', 'Ogiltigt värde.'];
  return { type: `https://samplan.se/problem/${code}`, title: TITLES[status as number]!, status: status as number, code: code as string, detail: message as string, problems: [{ field, code: code as string, message: message as string }] };
}
