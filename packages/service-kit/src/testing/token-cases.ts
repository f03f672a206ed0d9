import { startLocalIssuer, type LocalIssuer } from './local-issuer';

export interface RejectedTokenCase {
  name: string;
  /** The Authorization header to send (undefined: none). */
  authorization(): Promise<string | undefined>;
  status: 401 | 403;
  /** The problem's `type` ends with this code. */
  code: 'unauthorized' | 'invalid_token' | 'insufficient_scope';
}

/**
 * Every way a frontend's token can fail a route, each shaped exactly as Cognito issues tokens (ADR 0011), with the
 * status and problem code the handler must answer. `scope` is the route's required scope; `otherScope` one it does
 * not accept. Services run these against their own HTTP API over real HTTP.
 */
export const rejectedTokenCases = (issuer: () => LocalIssuer, route: { scope: string; otherScope: string }): RejectedTokenCase[] => {
  const bearer = async (token: Promise<string>) => `Bearer ${await token}`;
  const customer = 'cus_token_cases';
  return [
    { name: 'no token', authorization: async () => undefined, status: 401, code: 'unauthorized' },
    { name: 'not a bearer token', authorization: async () => 'Basic Y3VzOnB3', status: 401, code: 'unauthorized' },
    { name: 'an ID token (token_use id, aud instead of client_id)', authorization: () => bearer(issuer().signIn(customer).then((t) => t.idToken)), status: 401, code: 'invalid_token' },
    { name: 'an expired access token', authorization: () => bearer(issuer().sign(customer, { expiresIn: -60 })), status: 401, code: 'invalid_token' },
    {
      name: 'an access token of another issuer',
      authorization: () => bearer(issuer().sign(customer, { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other0000' })),
      status: 401,
      code: 'invalid_token',
    },
    { name: 'an access token for another app client', authorization: () => bearer(issuer().sign(customer, { clientId: 'anotherclient00000000000001' })), status: 401, code: 'invalid_token' },
    {
      name: 'an access token signed by a key not in the JWKS',
      authorization: async () => {
        const stranger = await startLocalIssuer();
        try {
          return await bearer(stranger.sign(customer, { issuer: issuer().issuer, clientId: issuer().clientId }));
        } finally {
          await stranger.stop();
        }
      },
      status: 401,
      code: 'invalid_token',
    },
    { name: 'a tampered access token', authorization: () => bearer(issuer().sign(customer).then((t) => `${t.slice(0, -6)}AAAAAA`)), status: 401, code: 'invalid_token' },
    {
      name: 'a valid access token without the route scope',
      authorization: () => bearer(issuer().sign(customer, { scopes: ['openid', 'email', route.otherScope] })),
      status: 403,
      code: 'insufficient_scope',
    },
  ];
};
