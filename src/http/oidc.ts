/**
 * Samplan as an OpenID Connect relying party (openid-client): the authorization code flow with
 * PKCE (S256), state and nonce, a confidential client (client_secret_basic), and RP-initiated
 * logout. The IdP is a SITHS/BankID broker in production and the bundled one (src/idp) otherwise.
 */
import * as oidc from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registered at the IdP, e.g. https://samplan.region.se/auth/callback. */
  redirectUrl: string;
  /** Where the IdP sends the browser after sign-out, e.g. https://samplan.region.se/. */
  postLogoutRedirectUrl: string;
}

export const OIDC_SCOPE = 'openid profile samplan';

/** What a finished sign-in tells Samplan. */
export type SignedInPerson =
  | { kind: 'staff'; subject: string; hsaId: string; name: string }
  | { kind: 'citizen'; subject: string; identityNumber: string; name: string };

/** What the browser keeps (in a signed cookie) between the redirect to the IdP and the way back. */
export interface PendingSignIn { verifier: string; state: string; nonce: string }

export class SignInError extends Error {
  readonly code: 'cancelled' | 'failed' | 'unknown_claims';
  constructor(code: 'cancelled' | 'failed' | 'unknown_claims', message: string) {
    super(message);
    this.code = code;
  }
}

export class RelyingParty {
  private configuration: Promise<oidc.Configuration> | null = null;
  readonly settings: OidcSettings;

  constructor(settings: OidcSettings) {
    this.settings = settings;
  }

  /** Discovery once, and again after a failure (the IdP may have been down). */
  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.settings.issuer);
      // Plain http only for an IdP on this machine (the bundled one); anything else must be https.
      const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      this.configuration = oidc.discovery(issuer, this.settings.clientId, undefined, oidc.ClientSecretBasic(this.settings.clientSecret), local ? { execute: [oidc.allowInsecureRequests] } : undefined);
      this.configuration.catch(() => { this.configuration = null; });
    }
    return this.configuration;
  }

  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.config();
    const pending: PendingSignIn = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl, scope: OIDC_SCOPE, state: pending.state, nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** Exchanges the code of the callback (its query string) for the signed-in person. */
  async finish(query: string, pending: PendingSignIn): Promise<SignedInPerson> {
    const params = new URLSearchParams(query);
    if (params.get('error') === 'access_denied') throw new SignInError('cancelled', 'Inloggningen avbröts.');
    const config = await this.config();
    const callback = new URL(this.settings.redirectUrl);
    callback.search = params.toString();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      // The message of openid-client names the check that failed; it never holds a token or a claim.
      throw new SignInError('failed', `Inloggningen kunde inte slutföras: ${error instanceof Error ? error.message : 'okänt fel'}`);
    }
    return personOf(claims);
  }

  /** The IdP's end-session URL with client_id (never the ID token, which may hold an identity number). */
  async signOutUrl(): Promise<string | null> {
    try {
      const config = await this.config();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, { client_id: this.settings.clientId, post_logout_redirect_uri: this.settings.postLogoutRedirectUrl }).href;
    } catch {
      return null;
    }
  }
}

/** SITHS gives an HSA-id, BankID a personal identity number; Samplan needs one of them. */
function personOf(claims: oidc.IDToken | undefined): SignedInPerson {
  if (!claims) throw new SignInError('unknown_claims', 'Inloggningstjänsten skickade ingen ID-token.');
  const name = typeof claims.name === 'string' ? claims.name : [claims.given_name, claims.family_name].filter((x) => typeof x === 'string').join(' ');
  if (typeof claims.hsa_id === 'string' && /^[A-Z0-9-]{5,40}$/.test(claims.hsa_id)) {
    return { kind: 'staff', subject: claims.sub, hsaId: claims.hsa_id, name };
  }
  if (typeof claims.personal_identity_number === 'string' && /^\d{12}$/.test(claims.personal_identity_number)) {
    return { kind: 'citizen', subject: claims.sub, identityNumber: claims.personal_identity_number, name };
  }
  throw new SignInError('unknown_claims', 'Inloggningstjänsten skickade varken HSA-id eller personnummer.');
}
