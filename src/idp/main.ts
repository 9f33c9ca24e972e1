/**
 * Runs the bundled identity provider on its own: `node src/idp/main.ts`.
 *
 * IDP_PORT (default 3001) is where it listens (on 127.0.0.1, or IDP_HOST); IDP_ISSUER overrides the
 * issuer (default http://localhost:<port>). Samplan is registered as its client, with the redirect
 * `${SAMPLAN_URL}/auth/callback` and post-logout return `${SAMPLAN_URL}/` (SAMPLAN_URL default
 * http://localhost:3000), client id IDP_CLIENT_ID (default "samplan") and secret
 * IDP_CLIENT_SECRET (default "samplan-dev-secret": a demo value for a demo IdP). IDP_SUBJECT_SECRET
 * keeps every `sub` the same across restarts.
 */
import { DEMO_PEOPLE } from './demo-people.ts';
import { IDP_SCOPES, startIdentityProvider } from './identity-provider.ts';

const samplanUrl = (process.env.SAMPLAN_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const port = Number(process.env.IDP_PORT ?? 3001);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('IDP_PORT måste vara ett portnummer (0–65535).');
  process.exit(2);
}

const idp = await startIdentityProvider({
  port,
  ...(process.env.IDP_HOST ? { host: process.env.IDP_HOST } : {}),
  ...(process.env.IDP_ISSUER ? { issuer: process.env.IDP_ISSUER } : {}),
  ...(process.env.IDP_SUBJECT_SECRET ? { subjectSecret: process.env.IDP_SUBJECT_SECRET } : {}),
  clients: [{
    clientId: process.env.IDP_CLIENT_ID ?? 'samplan',
    clientSecret: process.env.IDP_CLIENT_SECRET ?? 'samplan-dev-secret',
    clientName: 'Samplan',
    redirectUris: [`${samplanUrl}/auth/callback`],
    postLogoutRedirectUris: [`${samplanUrl}/`],
  }],
  people: DEMO_PEOPLE,
});

console.log(`Test-inloggningen (OpenID Connect) körs på ${idp.issuer}`);
console.log(`  discovery: ${idp.issuer}/.well-known/openid-configuration   scope: ${IDP_SCOPES}`);
console.log(`  klient för Samplan: ${samplanUrl}/auth/callback`);

const stop = async () => { await idp.close(); process.exit(0); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
