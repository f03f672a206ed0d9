import {
  ALL_SCOPES,
  callbackUrls,
  hostedUiDomainPrefix,
  identityParameterName,
  identityParameterRef,
  LOCAL_CLIENT_ID,
  LOCAL_USER_POOL_ID,
  logoutUrls,
  OIDC_SCOPES,
  RESOURCE_SERVER,
  resourceServerScopes,
  SCOPES,
  type IdentityParameter,
} from './identity';
import { APP, DEFAULT_REGION, localIssuerUrl, settingsFor, type StageSettings } from './stages';

const LOCAL_ACCOUNT = '000000000000';

/** How a service finds the stage's user pool: plain local values, or dynamic references to the identity stack's SSM parameters. */
export interface AuthVars {
  /** The JWT authorizer's issuer and the handlers' JWT_ISSUER: https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  issuer: string;
  /** The app client ids a token may carry (`client_id` of access tokens); the authorizer's audience. */
  audience: string[];
  userPoolId: string;
  /** For IAM statements: an intrinsic function deployed (the framework only takes ARN-shaped strings there). */
  userPoolArn: string | { 'Fn::Sub': string };
  /** Route scopes, by capability (serverless.yml: `scopes: [${self:custom.vars.auth.scopes.ordersRead}]`). */
  scopes: typeof SCOPES;
}

export const authVars = (stage: string): AuthVars => {
  if (stage === 'local') {
    return {
      issuer: localIssuerUrl(),
      audience: [LOCAL_CLIENT_ID],
      userPoolId: LOCAL_USER_POOL_ID,
      userPoolArn: `arn:aws:cognito-idp:${DEFAULT_REGION}:${LOCAL_ACCOUNT}:userpool/${LOCAL_USER_POOL_ID}`,
      scopes: SCOPES,
    };
  }
  return {
    issuer: identityParameterRef(stage, 'issuer'),
    audience: [identityParameterRef(stage, 'client-id')],
    userPoolId: identityParameterRef(stage, 'user-pool-id'),
    userPoolArn: { 'Fn::Sub': identityParameterRef(stage, 'user-pool-arn') },
    scopes: SCOPES,
  };
};

/** What services/identity/serverless.yml reads (`custom.vars`). */
export interface IdentityVars {
  app: string;
  stage: string;
  settings: StageSettings;
  userPoolName: string;
  deletionProtection: 'ACTIVE' | 'INACTIVE';
  /** DeletionPolicy / UpdateReplacePolicy of the pool: a protected stage keeps its users even if the stack goes. */
  retention: 'Retain' | 'Delete';
  clientName: string;
  domainPrefix: string;
  callbackUrls: string[];
  logoutUrls: string[];
  resourceServer: { identifier: string; name: string; scopes: { ScopeName: string; ScopeDescription: string }[] };
  /** What the frontend client may ask for: OpenID + email, and every API scope. */
  allowedOAuthScopes: string[];
  parameterNames: Record<IdentityParameter, string>;
}

export const identityVars = (stage: string): IdentityVars => {
  const settings = settingsFor(stage);
  const parameters: IdentityParameter[] = ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'hosted-ui-domain'];
  return {
    app: APP,
    stage,
    settings,
    userPoolName: `${APP}-${stage}-customers`,
    deletionProtection: settings.userPoolDeletionProtection ? 'ACTIVE' : 'INACTIVE',
    retention: settings.userPoolDeletionProtection ? 'Retain' : 'Delete',
    clientName: `${APP}-${stage}-web`,
    domainPrefix: hostedUiDomainPrefix(stage),
    callbackUrls: callbackUrls(settings.corsOrigins),
    logoutUrls: logoutUrls(settings.corsOrigins),
    resourceServer: { identifier: RESOURCE_SERVER, name: `${APP}-${stage}-api`, scopes: resourceServerScopes() },
    allowedOAuthScopes: [...OIDC_SCOPES, ...ALL_SCOPES],
    parameterNames: Object.fromEntries(parameters.map((name) => [name, identityParameterName(stage, name)])) as Record<IdentityParameter, string>,
  };
};
