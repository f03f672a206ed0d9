/**
 * Identity (ADR 0011): one Cognito user pool per stage, created by services/identity. What the other stacks need
 * from it (issuer, app client id, pool id and ARN) they read from SSM parameters the identity stack writes, with
 * CloudFormation dynamic references: `serverless package` stays offline and no pool id is ever written down.
 */
import { APP } from './stages';

/** The resource server of the API in the user pool; scopes are `<identifier>/<name>` in tokens and routes. */
export const RESOURCE_SERVER = 'commerce';

/** One scope per capability; routes declare the scopes they need (any one of them suffices, as in API Gateway). */
const CAPABILITIES = {
  ordersRead: ['orders.read', 'Read your orders'],
  ordersWrite: ['orders.write', 'Place and cancel your orders'],
  paymentsRead: ['payments.read', 'Read your payments and receipts'],
  notificationsRead: ['notifications.read', 'Read the messages sent to you'],
} as const;
export type Capability = keyof typeof CAPABILITIES;

/** Every scope as it appears in a token's `scope` claim and in a route's AuthorizationScopes. */
export const SCOPES = Object.fromEntries(
  Object.entries(CAPABILITIES).map(([capability, [name]]) => [capability, `${RESOURCE_SERVER}/${name}`]),
) as { [C in Capability]: `${typeof RESOURCE_SERVER}/${(typeof CAPABILITIES)[C][0]}` };

export const ALL_SCOPES: string[] = Object.values(SCOPES);

/** The resource server's scopes as AWS::Cognito::UserPoolResourceServer declares them. */
export const resourceServerScopes = (): { ScopeName: string; ScopeDescription: string }[] =>
  Object.values(CAPABILITIES).map(([ScopeName, ScopeDescription]) => ({ ScopeName, ScopeDescription }));

/** The OpenID scopes the frontend client also asks for (ID token with the email). */
export const OIDC_SCOPES = ['openid', 'email'] as const;

/** The app client id of stage local: the local issuer puts it in `client_id` (access) and `aud` (ID tokens). */
export const LOCAL_CLIENT_ID = 'commercelocalwebclient0001';
/** Stage local's stand-in for a user pool id (there is no pool: the local issuer plays it). */
export const LOCAL_USER_POOL_ID = 'local_commerce';

/** The hosted sign-in domain of a stage: https://<prefix>-<stage>.auth.<region>.amazoncognito.com (unique per region). */
export const HOSTED_UI_DOMAIN_PREFIX = 'shop-example';
export const hostedUiDomainPrefix = (stage: string): string => `${HOSTED_UI_DOMAIN_PREFIX}-${stage}`;

/** Where the hosted UI sends the browser back, on each of the stage's frontend origins (its CORS origins). */
export const AUTH_CALLBACK_PATH = '/auth/callback';
export const callbackUrls = (origins: readonly string[]): string[] => origins.map((origin) => `${origin}${AUTH_CALLBACK_PATH}`);
export const logoutUrls = (origins: readonly string[]): string[] => origins.map((origin) => `${origin}/`);

export type IdentityParameter = 'user-pool-id' | 'user-pool-arn' | 'client-id' | 'issuer' | 'hosted-ui-domain';

/** `/commerce/<stage>/identity/<name>`: written by the identity stack, read by every service's template. */
export const identityParameterName = (stage: string, name: IdentityParameter): string => `/${APP}/${stage}/identity/${name}`;

/** A CloudFormation dynamic reference to an identity parameter: resolved at deploy time, a plain string offline. */
export const identityParameterRef = (stage: string, name: IdentityParameter): string =>
  `{{resolve:ssm:${identityParameterName(stage, name)}}}`;
