/** Optimistic concurrency over HTTP: the version travels as a strong ETag ("7") and comes back in If-Match. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../services/errors.ts';

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('ETag', `"${version}"`);
}

/** The version named by If-Match, undefined when absent; a malformed header is a 400 naming it. */
export function ifMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(String(header));
  if (!m) throw invalid([{ field: 'If-Match', code: 'format', message: 'Ange versionen som "N".' }]);
  return Number(m[1]);
}
