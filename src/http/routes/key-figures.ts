import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Api } from '../app.ts';
import { ifMatch, setEtag } from '../etag.ts';
import { Day, OptionalText, Strict, Text, Uuid } from '../schemas.ts';
import { DIMENSIONS, GRAINS, type Dimension, type Grain } from '../../domain/key-figures.ts';
import { computeKeyFigures, type ComputeOptions } from '../../services/key-figures/compute-key-figures.ts';
import { exportKeyFigures } from '../../services/key-figures/export-key-figures.ts';
import { listGoals } from '../../services/key-figures/list-goals.ts';
import { setTarget } from '../../services/key-figures/set-target.ts';
import { addGoal } from '../../services/key-figures/add-goal.ts';
import { updateGoal } from '../../services/key-figures/update-goal.ts';
import { myControl } from '../../services/key-figures/my-control.ts';

const Query = Strict({
  dimension: Type.Optional(Type.Union(DIMENSIONS.map((d) => Type.Literal(d)), { description: 'Vad talen delas upp på (standard: kommun)' })),
  grain: Type.Optional(Type.Union(GRAINS.map((g) => Type.Literal(g)), { description: 'Period: månad, kvartal eller år (standard: kvartal)' })),
  from: Type.Optional(Day), to: Type.Optional(Day),
  groups: Type.Optional(Type.String({ maxLength: 4000, description: 'Bara dessa grupper, kommaseparerade (t.ex. kommunkoder 1290,1287)' })),
  figures: Type.Optional(Type.String({ maxLength: 4000, description: 'Bara dessa nyckeltal, kommaseparerade' })),
  scope: Type.Optional(Type.Union([Type.Literal('county'), Type.Literal('national')], { description: 'Det egna länet (standard) eller hela landet' })),
});
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

async function options(api: Api, request: FastifyRequest): Promise<ComputeOptions> {
  const q = request.query as { dimension?: Dimension; grain?: Grain; from?: string; to?: string; groups?: string; figures?: string; scope?: 'county' | 'national' };
  return { actor: await api.actor(request), dimension: q.dimension ?? 'municipality', grain: q.grain ?? 'quarter', from: q.from, to: q.to, groups: list(q.groups), figures: list(q.figures), scope: q.scope };
}

/**
 * Internal control (issue 7 items 1–4): the key figures by dimension and period, their export, and
 * the steering group's yearly goals. Small counts are suppressed for whoever is not entitled to
 * the plans under them; the analyst sees aggregates only.
 */
export async function keyFigureRoutes(app: FastifyInstance, api: Api): Promise<void> {
  app.get('/key-figures/me', {
    schema: { tags: ['key-figures'], summary: 'Får jag se nyckeltalen, vilka styrgrupper sitter jag i, och nyckeltalens definitioner' },
  }, async (request) => myControl(api.ctx, { actor: await api.actor(request) }));

  app.get('/key-figures', {
    schema: { tags: ['key-figures'], summary: 'Nyckeltal per grupp och period, med definitioner; små tal (under 5) visas som "<5"', querystring: Query },
  }, async (request) => computeKeyFigures(api.ctx, await options(api, request)));

  app.get('/key-figures/export.csv', {
    schema: { tags: ['key-figures'], summary: 'Nyckeltalen som CSV (semikolon, UTF-8)', querystring: Query },
  }, async (request, reply) => {
    const file = await exportKeyFigures(api.ctx, { ...(await options(api, request)), format: 'csv' });
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });

  app.get('/key-figures/export.xlsx', {
    schema: { tags: ['key-figures'], summary: 'Nyckeltalen som Excel-fil', querystring: Query },
  }, async (request, reply) => {
    const file = await exportKeyFigures(api.ctx, { ...(await options(api, request)), format: 'xlsx' });
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });

  app.get('/key-figures/goals', {
    schema: { tags: ['key-figures'], summary: 'Årets mål för varje lokal överenskommelse: målvärden mot utfall, och kvalitativa mål', querystring: Strict({ year: Type.Optional(Type.String({ pattern: '^20[0-9]{2}$' })) }) },
  }, async (request) => {
    const actor = await api.actor(request);
    const year = (request.query as { year?: string }).year;
    return listGoals(api.ctx, { actor, year: year ? Number(year) : Number(api.ctx.clock.now().toISOString().slice(0, 4)) });
  });

  app.put('/key-figures/agreements/:agreementId/targets/:year/:figure', {
    schema: { tags: ['key-figures'], summary: 'Styrgruppen sätter årets målvärde för ett nyckeltal (If-Match när det ändras)',
      params: Strict({ agreementId: Uuid, year: Type.String({ pattern: '^20[0-9]{2}$' }), figure: Type.String({ pattern: '^[a-z0-9_]{1,60}$' }) }),
      body: Strict({ target: Type.Number({ minimum: 0, maximum: 1_000_000 }), note: OptionalText(2000) }) },
  }, async (request, reply) => {
    const p = request.params as { agreementId: string; year: string; figure: string };
    const b = request.body as { target: number; note?: string | null };
    const r = await setTarget(api.ctx, { actor: await api.actor(request), agreementId: p.agreementId, year: Number(p.year), figure: p.figure, version: ifMatch(request), target: b.target, note: b.note });
    setEtag(reply, r.version);
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.post('/key-figures/agreements/:agreementId/goals', {
    schema: { tags: ['key-figures'], summary: 'Styrgruppen skriver ett kvalitativt mål för året', params: Strict({ agreementId: Uuid }),
      body: Strict({ year: Year, goal: Text(2000), followUp: OptionalText(4000) }) },
  }, async (request, reply) => {
    const b = request.body as { year: number; goal: string; followUp?: string | null };
    const r = await addGoal(api.ctx, { actor: await api.actor(request), agreementId: (request.params as { agreementId: string }).agreementId, ...b });
    setEtag(reply, r.version);
    return reply.status(201).send(r);
  });

  app.patch('/key-figures/goals/:goalId', {
    schema: { tags: ['key-figures'], summary: 'Ändra ett kvalitativt mål eller skriv dess uppföljning (If-Match)', params: Strict({ goalId: Uuid }),
      body: Strict({ goal: Type.Optional(Text(2000)), followUp: OptionalText(4000) }) },
  }, async (request, reply) => {
    const r = await updateGoal(api.ctx, { actor: await api.actor(request), goalId: (request.params as { goalId: string }).goalId, version: ifMatch(request), patch: request.body as never });
    setEtag(reply, r.version);
    return r;
  });
}
