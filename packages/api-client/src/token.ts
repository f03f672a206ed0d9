import type { Middleware } from 'openapi-fetch';

/**
 * Where the client gets its bearer token, asked before every request: return the current access token (or nothing
 * for an anonymous call). Refreshing is the provider's job, e.g. Amplify's `fetchAuthSession()` refreshes on its own.
 */
export type TokenProvider = () => string | null | undefined | Promise<string | null | undefined>;

export const bearerToken = (provider: TokenProvider): Middleware => ({
  async onRequest({ request }) {
    const token = await provider();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
});

export interface LocalIssuerTokenOptions {
  /** The local issuer, as `pnpm dev` prints it: `http://127.0.0.1:4599/local-issuer`. */
  issuerUrl: string;
  customerId: string;
  /** Scopes to ask for (default: every API scope), e.g. `['commerce/orders.read']`. */
  scopes?: string[];
  fetch?: (input: string) => Promise<Response>;
}

/**
 * A token provider for the local system (`pnpm dev`): signs the customer in at the local issuer's token endpoint,
 * which answers like Cognito's (`access_token`, `expires_in`), and reuses the token until a minute before it expires.
 * For development and tests only: deployed stages sign users in through Cognito.
 */
export const localIssuerToken = (options: LocalIssuerTokenOptions): TokenProvider => {
  let cached: { token: string; renewAt: number } | undefined;
  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const query = new URLSearchParams({ sub: options.customerId });
    if (options.scopes) query.set('scope', options.scopes.join(' '));
    const doFetch = options.fetch ?? ((input: string) => globalThis.fetch(input));
    const response = await doFetch(`${options.issuerUrl.replace(/\/$/, '')}/token?${query.toString()}`);
    if (!response.ok) throw new Error(`local issuer answered ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, renewAt: Date.now() + Math.max(0, body.expires_in - 60) * 1000 };
    return cached.token;
  };
};
