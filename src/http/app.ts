/**
 * The Fastify application: JSON API under /api with OpenAPI at /api/openapi.json and a browsable
 * UI at /api/docs. Handlers are thin: parse, call one use case, shape the answer.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { existsSync } from 'node:fs';
import type { Actor, Context } from '../services/context.ts';
import { sendNotFoundRoute, sendProblem } from './problem.ts';
import { guardStateChange, requireActor, SESSION_COOKIE, type CookieSettings } from './session.ts';
import { RelyingParty, type OidcSettings } from './oidc.ts';
import { invalid, ServiceError } from '../services/errors.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../domain/session-policy.ts';
import { hashToken } from '../store/sessions.ts';
import { signInRoutes } from './routes/sign-in.ts';
import { authRoutes } from './routes/auth.ts';
import { directoryRoutes } from './routes/directory.ts';
import { personRoutes } from './routes/persons.ts';
import { planRoutes } from './routes/plans.ts';
import { processRoutes } from './routes/process.ts';
import { contentRoutes } from './routes/content.ts';
import { documentRoutes } from './routes/documents.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { adminRoutes } from './routes/admin.ts';
import { keyFigureRoutes } from './routes/key-figures.ts';
import { familyRoutes } from './routes/family.ts';
import { libraryRoutes } from './routes/library.ts';

export interface AppOptions {
  ctx: Context;
  /** Signs the short-lived cookie that carries a sign-in between Samplan and the IdP. */
  secret: string;
  /** The development sign-in (choose a demo user without an IdP); only in development mode. */
  devSignIn: boolean;
  /** The identity provider (OpenID Connect); without it only the development sign-in works. */
  oidc?: OidcSettings | null;
  /** Idle and absolute session timeouts; default 30 minutes and 10 hours. */
  sessionPolicy?: SessionPolicy;
  /** Requests per minute (per session, or per address without one); false turns limits off. */
  rateLimit?: RateLimits | false;
  logger?: boolean | object;
  /** Cookies marked Secure (anything but plain http on localhost). */
  secureCookies?: boolean;
  /** The built web app (web/dist), served at `/`; without it `/` shows the API documentation. */
  webRoot?: string | null;
}

export interface RateLimits {
  /** Any request, per session (or per network address without one). */
  perMinute: number;
  /** Sign-in attempts per network address. */
  signInPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perMinute: 600, signInPerMinute: 30 };

/** What route modules get: the context and a way to know who asks. */
export interface Api {
  ctx: Context;
  actor(request: FastifyRequest): Promise<Actor>;
  devSignIn: boolean;
  cookies: CookieSettings;
  sessionPolicy: SessionPolicy;
  relyingParty: RelyingParty | null;
  /** Route config for the stricter limit on sign-in routes (undefined when limits are off). */
  signInRateLimit: { rateLimit: { max: number; timeWindow: number } } | undefined;
}

export const BODY_LIMIT = 256 * 1024;

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ? { ...(typeof o.logger === 'object' ? o.logger : {}), serializers: { req: requestForLog } } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    // The router's own refusals (a broken %-escape, a path segment too long) answer like every
    // other error: problem+json naming what is wrong.
    frameworkErrors: (error, request, reply) => sendProblem(error as Error, request, reply),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
  });
  await app.register(cookie, { secret: o.secret });
  const idpOrigin = o.oidc ? new URL(o.oidc.issuer).origin : null;
  // helmet's middleware built once: @fastify/helmet built it anew for every request, which cost a
  // few per cent of the plan read (bench/README.md).
  const securityHeaders = helmet({
    // Strict: no inline script or style, nothing from elsewhere, no framing. Forms (none in the
    // web app, which uses fetch) may only go to Samplan itself and the identity provider.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"], 'connect-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"], 'form-action': ["'self'", ...(idpOrigin ? [idpOrigin] : [])],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  const limits = o.rateLimit === false ? null : o.rateLimit ?? DEFAULT_RATE_LIMITS;
  if (limits) {
    await app.register(rateLimit, {
      global: true, max: limits.perMinute, timeWindow: 60_000,
      // A session is one person; without one, the network address is all there is.
      keyGenerator: (request) => {
        const token = request.cookies[SESSION_COOKIE];
        return token ? `s:${hashToken(token)}` : `a:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) => new ServiceError(429, 'rate_limited', `För många förfrågningar. Vänta ${Math.ceil(context.ttl / 1000)} sekunder och försök igen.`),
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Samplan API', version: '0.1.0', description: 'Samordnad individuell plan (SIP) för barn och unga. Varje läsning av personuppgifter loggas.' },
      tags: [
        { name: 'auth', description: 'Inloggning' }, { name: 'directory', description: 'Huvudmän och verksamheter' },
        { name: 'persons', description: 'Barn och vårdnadshavare' }, { name: 'plans', description: 'Planer (SIP)' },
        { name: 'process', description: 'Samtycke, kallelse, möte, uppföljning' }, { name: 'content', description: 'Behov, mål, insatser, åtgärder' },
        { name: 'admin', description: 'Administration av huvudmannens verksamheter och medarbetare' },
        { name: 'key-figures', description: 'Nyckeltal, mål och uppföljning (intern kontroll)' },
        { name: 'deviations', description: 'Avvikelser i samverkan: närmaste chef, sedan styrgruppen' },
        { name: 'family', description: 'Familjens egen vy: barnet och vårdnadshavarna' },
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
    // Swagger UI (the API's documentation, no personal data) sets inline styles; only its pages may.
    if (request.url.startsWith('/api/docs')) {
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string') reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
    }
  });
  app.addHook('preValidation', async (request) => {
    const problem = findBodyProblem(request.body);
    if (problem) throw invalid([problem]);
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

  const sessionPolicy = o.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  const api: Api = {
    ctx: o.ctx, actor: (request) => requireActor(o.ctx, sessionPolicy, request), devSignIn: o.devSignIn,
    cookies: { secure: o.secureCookies ?? false }, sessionPolicy,
    relyingParty: o.oidc ? new RelyingParty(o.oidc) : null,
    signInRateLimit: limits ? { rateLimit: { max: limits.signInPerMinute, timeWindow: 60_000 } } : undefined,
  };
  await signInRoutes(app, api);
  await app.register(async (scope) => {
    scope.addHook('onRequest', (request) => guardStateChange(o.ctx, sessionPolicy, request));
    await authRoutes(scope, api);
    await directoryRoutes(scope, api);
    await personRoutes(scope, api);
    await planRoutes(scope, api);
    await processRoutes(scope, api);
    await contentRoutes(scope, api);
    await documentRoutes(scope, api);
    await notificationRoutes(scope, api);
    await adminRoutes(scope, api);
    await keyFigureRoutes(scope, api);
    await (await import('./routes/deviations.ts')).deviationRoutes(scope, api);
    await familyRoutes(scope, api);
    await (await import('./routes/responsibilities.ts')).responsibilityRoutes(scope, api);
    await libraryRoutes(scope, api);
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
  return { method: request.method, url: maskIdentityNumbers(request.url.split('?')[0]!), remoteAddress: request.ip };
}

/**
 * No API path carries an identity number, but a person can type one into the address bar (or a
 * client can put one there by mistake): a run of digits shaped like one never reaches the log.
 */
export function maskIdentityNumbers(text: string): string {
  return text.replace(/(?:\d|%[0-9A-Fa-f]{2}){10,}|\d{6,8}(?:[-+]|%2[bB])\d{4}/g, '[nummer]');
}

/** No request body of the API nests deeper than this; deeper is an attack on the parser or worse. */
export const MAX_BODY_DEPTH = 32;

/**
 * The first problem of a body that no schema should have to see: a string holding a NUL character
 * (PostgreSQL cannot store it), or nesting deeper than MAX_BODY_DEPTH. Walks without recursion,
 * so that a body nested a hundred thousand levels deep cannot overflow the stack.
 */
function findBodyProblem(body: unknown): { field: string; code: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field: path || '/', code: 'nul_character', message: 'Otillåtet tecken (NUL).' };
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { field: path || '/', code: 'too_deep', message: `Uppgifterna är nästlade i fler än ${MAX_BODY_DEPTH} nivåer.` };
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      if (k.includes('\u0000')) return { field: `${path}/${k}`, code: 'nul_character', message: 'Otillåtet tecken (NUL).' };
      stack.push({ value: v, path: `${path}/${k}`, depth: depth + 1 });
    }
  }
  return null;
}
