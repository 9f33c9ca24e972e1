/**
 * The Fastify application: JSON API under /api with OpenAPI at /api/openapi.json and a browsable
 * UI at /api/docs. Handlers are thin: parse, call one use case, shape the answer.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { Actor, Context } from '../services/context.ts';
import { sendNotFoundRoute, sendProblem } from './problem.ts';
import { requireActor } from './session.ts';
import { invalid } from '../services/errors.ts';
import { authRoutes } from './routes/auth.ts';
import { directoryRoutes } from './routes/directory.ts';
import { personRoutes } from './routes/persons.ts';
import { planRoutes } from './routes/plans.ts';
import { processRoutes } from './routes/process.ts';
import { contentRoutes } from './routes/content.ts';
import { documentRoutes } from './routes/documents.ts';
import { notificationRoutes } from './routes/notifications.ts';

export interface AppOptions {
  ctx: Context;
  /** Signs session cookies. */
  secret: string;
  /** The development sign-in (choose a demo user); off in production. */
  devSignIn: boolean;
  logger?: boolean | object;
  /** Cookies marked Secure (anything but plain http on localhost). */
  secureCookies?: boolean;
  /** The built web app (web/dist), served at `/`; without it `/` shows the API documentation. */
  webRoot?: string | null;
}

/** What route modules get: the context and a way to know who asks. */
export interface Api {
  ctx: Context;
  actor(request: FastifyRequest): Promise<Actor>;
  devSignIn: boolean;
  secureCookies: boolean;
}

export const BODY_LIMIT = 256 * 1024;

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ? { ...(typeof o.logger === 'object' ? o.logger : {}), serializers: { req: requestForLog } } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
  });
  await app.register(cookie, { secret: o.secret });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"], 'script-src': ["'self'"] } },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Samplan API', version: '0.1.0', description: 'Samordnad individuell plan (SIP) för barn och unga. Varje läsning av personuppgifter loggas.' },
      tags: [
        { name: 'auth', description: 'Inloggning' }, { name: 'directory', description: 'Huvudmän och verksamheter' },
        { name: 'persons', description: 'Barn och vårdnadshavare' }, { name: 'plans', description: 'Planer (SIP)' },
        { name: 'process', description: 'Samtycke, kallelse, möte, uppföljning' }, { name: 'content', description: 'Behov, mål, insatser, åtgärder' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'samplan_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.setErrorHandler((error, request, reply) => sendProblem(error as Error, request, reply));
  // PostgreSQL cannot store the NUL character in text; refuse it at the edge, naming the field.
  // Answers about children must not be kept in a browser's or a proxy's cache.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
  });
  app.addHook('preValidation', async (request) => {
    const at = findNul(request.body, '');
    if (at !== null) throw invalid([{ field: at || '/', code: 'nul_character', message: 'Otillåtet tecken (NUL).' }]);
  });
  const webRoot = o.webRoot && existsSync(`${o.webRoot}/index.html`) ? o.webRoot : null;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
    // The web app routes in the browser: any other GET outside /api is the app's own page.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').sendFile('index.html');
      }
      return sendNotFoundRoute(request, reply);
    });
  } else {
    app.setNotFoundHandler(sendNotFoundRoute);
  }

  const api: Api = { ctx: o.ctx, actor: (request) => requireActor(o.ctx.db, request), devSignIn: o.devSignIn, secureCookies: o.secureCookies ?? false };
  await app.register(async (scope) => {
    await authRoutes(scope, api);
    await directoryRoutes(scope, api);
    await personRoutes(scope, api);
    await planRoutes(scope, api);
    await processRoutes(scope, api);
    await contentRoutes(scope, api);
    await documentRoutes(scope, api);
    await notificationRoutes(scope, api);
  }, { prefix: '/api' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (!webRoot) app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/docs'));
  app.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}

/**
 * A request as logged: without its query string, where a search text (perhaps a personal identity
 * number typed into a search field) would otherwise be written to the log.
 */
function requestForLog(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip };
}

/** The JSON pointer of the first string holding a NUL character, or null. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const at = findNul(v, `${path}/${i}`);
      if (at !== null) return at;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = findNul(k, `${path}/${k}`) ?? findNul(v, `${path}/${k}`);
      if (at !== null) return at;
    }
  }
  return null;
}
