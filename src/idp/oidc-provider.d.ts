/**
 * Types for the part of oidc-provider 9 that the bundled identity provider uses. The package ships
 * no types and @types/oidc-provider is not a dependency; this covers only what src/idp/ calls, from
 * the library's own source (lib/provider.js, lib/helpers/defaults.js, lib/models/*.js).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** What an adapter stores: an opaque JSON document per model and id. */
  export type AdapterPayload = Record<string, unknown> & {
    uid?: string;
    grantId?: string;
    userCode?: string;
    consumed?: number;
  };

  /** Storage of one model (Session, Interaction, AuthorizationCode, AccessToken, Grant, ...). */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** The client as oidc-provider sees it (a few of its properties). */
  export interface ClientInfo {
    clientId: string;
    clientName?: string;
  }

  /** The Koa context with the `oidc` property oidc-provider adds (a few of its members). */
  export interface OidcContext {
    type: string;
    body: unknown;
    status: number;
    host: string;
    set(field: string, value: string): void;
    oidc: {
      client?: ClientInfo;
      route?: string;
      [key: string]: unknown;
    };
  }

  /** An account as findAccount returns it. */
  export interface Account {
    accountId: string;
    /**
     * The claims available for this account; oidc-provider keeps only those the granted scopes
     * (configuration `claims`) allow. `use` is 'id_token' or 'userinfo'.
     */
    claims(use: string, scope: string, claims: Record<string, unknown>, rejected: string[]): Promise<AccountClaims> | AccountClaims;
  }

  export type AccountClaims = { sub: string } & Record<string, unknown>;

  export type FindAccount = (ctx: OidcContext, sub: string, token?: unknown) => Promise<Account | undefined> | Account | undefined;

  /** The client metadata of a statically configured client (RFC 7591 names). */
  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none';
    id_token_signed_response_alg?: string;
    [key: string]: unknown;
  }

  /** The JSON Web Key Set of private signing keys. */
  export interface JWKS {
    keys: Array<Record<string, unknown>>;
  }

  export type TTLFunction = (ctx: OidcContext, token: unknown, client: unknown) => number;

  /** The configuration object (only the members src/idp/ sets are typed precisely). */
  export interface Configuration {
    acrValues?: string[];
    adapter?: (name: string) => Adapter;
    claims?: Record<string, string[] | null>;
    clients?: ClientMetadata[];
    clientBasedCORS?: (ctx: OidcContext, origin: string, client: unknown) => boolean;
    clientDefaults?: Partial<ClientMetadata>;
    conformIdTokenClaims?: boolean;
    cookies?: {
      keys?: string[];
      names?: { session?: string; interaction?: string; resume?: string };
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    features?: Record<string, Record<string, unknown>>;
    findAccount?: FindAccount;
    interactions?: { url?: (ctx: OidcContext, interaction: { uid: string }) => string | Promise<string> };
    jwks?: JWKS;
    pkce?: { required?: (ctx: OidcContext, client: unknown) => boolean };
    renderError?: (ctx: OidcContext, out: Record<string, string>, error: Error) => void | Promise<void>;
    responseTypes?: string[];
    scopes?: string[];
    ttl?: Record<string, number | TTLFunction>;
    [key: string]: unknown;
  }

  /** A pending interaction (the sign-in page's view of the authorization request). */
  export interface Interaction {
    uid: string;
    returnTo: string;
    exp: number;
    grantId?: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id: string; scope?: string; redirect_uri?: string };
    session?: { accountId: string; uid: string; cookie: string; acr?: string; amr?: string[] };
  }

  export interface InteractionResults {
    login?: { accountId: string; acr?: string; amr?: string[]; remember?: boolean; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  /** What a user has allowed a client to receive. */
  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    readonly jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(ttl?: number): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    readonly Grant: typeof Grant;
    /** The node:http request listener (Koa's callback). */
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    urlFor(name: string, options?: Record<string, unknown>): string;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  /** oidc-provider's error classes (the one src/idp/ tests for). */
  export const errors: {
    /** Thrown by interactionDetails when the interaction cookie is missing or the interaction expired. */
    SessionNotFound: new (...args: unknown[]) => Error;
    [name: string]: (new (...args: unknown[]) => Error) | undefined;
  };
  export default Provider;
}
