/**
 * The local Lambda service behind its HTTP API gateway and Invoke API (ADR 0009), over real HTTP and real worker
 * thread instances running fixture bundles (test/fixtures/functions): AWS's answers for failed, timed-out and
 * throttled invocations, the JWT authorizer's rules, payload format 2.0, warm reuse and concurrency limits.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

type KeyLike = CryptoKey;
import { catalogFor } from '../src/provision';
import type { CfnTemplate } from '../src/cfn/template';
import { functionSpecs } from '../src/lambda/function-specs';
import { startHttpApiGateway, type HttpApiGateway } from '../src/lambda/http-api/http-api-gateway';
import { httpApiSpec } from '../src/lambda/http-api/routes';
import { startInvokeApi, type InvokeApi } from '../src/lambda/invoke-api';
import { LocalLambda } from '../src/lambda/local-lambda';
import { http } from './support/http';

const CODE_DIR = join(__dirname, 'fixtures', 'functions');
const AUDIENCE = 'web-client-id';

interface Fn {
  handler: string;
  timeout?: number;
  reserved?: number;
  route?: string;
  scopes?: string[];
  auth?: boolean;
  integrationTimeoutMs?: number;
}

/** A packaged-template-shaped fixture: functions, their HTTP API routes, a JWT authorizer and CORS. */
const templateOf = (issuer: string, functions: Record<string, Fn>): CfnTemplate => {
  const resources: CfnTemplate['Resources'] = {
    HttpApi: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { Name: 'fixture', ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['http://localhost:5173'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['Content-Type', 'Authorization'], ExposeHeaders: ['X-Instance'], MaxAge: 600 } },
    },
    HttpApiAuthorizerJwt: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: { ApiId: { Ref: 'HttpApi' }, Name: 'jwt', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Issuer: issuer, Audience: [AUDIENCE] } },
    },
  };
  for (const [name, fn] of Object.entries(functions)) {
    const id = name[0]!.toUpperCase() + name.slice(1);
    resources[`${id}LambdaFunction`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: `fixture-local-${name}`,
        Handler: fn.handler,
        Runtime: 'nodejs24.x',
        MemorySize: 128,
        Timeout: fn.timeout ?? 5,
        Environment: { Variables: { GREETING: 'hello' } },
        ...(fn.reserved !== undefined ? { ReservedConcurrentExecutions: fn.reserved } : {}),
      },
    };
    if (!fn.route) continue;
    resources[`HttpApiIntegration${id}`] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'HttpApi' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': [`${id}LambdaFunction`, 'Arn'] }, PayloadFormatVersion: '2.0', TimeoutInMillis: fn.integrationTimeoutMs ?? 30_000 },
    };
    resources[`HttpApiRoute${id}`] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        RouteKey: fn.route,
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: `HttpApiIntegration${id}` }]] },
        ...(fn.auth || fn.scopes ? { AuthorizationType: 'JWT', AuthorizerId: { Ref: 'HttpApiAuthorizerJwt' } } : {}),
        ...(fn.scopes ? { AuthorizationScopes: fn.scopes } : {}),
      },
    };
  }
  return { Resources: resources };
};

const FUNCTIONS: Record<string, Fn> = {
  echo: { handler: 'src/handlers/echo.handler', route: 'GET /echo/{id}' },
  secured: { handler: 'src/handlers/echo.handler', route: 'GET /secured', auth: true },
  scoped: { handler: 'src/handlers/echo.handler', route: 'POST /scoped', scopes: ['orders.write'] },
  greedy: { handler: 'src/handlers/echo.handler', route: 'ANY /files/{path+}' },
  throws: { handler: 'src/handlers/throws.handler', route: 'GET /throws' },
  timesOut: { handler: 'src/handlers/sleeps.handler', route: 'GET /times-out', timeout: 1 },
  slowIntegration: { handler: 'src/handlers/sleeps.handler', route: 'GET /slow-integration', timeout: 5, integrationTimeoutMs: 300 },
  single: { handler: 'src/handlers/sleeps.handler', route: 'GET /single', reserved: 1 },
  badResponse: { handler: 'src/handlers/bad-response.handler', route: 'GET /bad-response' },
  plainValue: { handler: 'src/handlers/plain-value.handler', route: 'GET /plain-value' },
  queueConsumer: { handler: 'src/handlers/sleeps.handler', reserved: 1 },
};

describe('local Lambda service behind the HTTP API gateway and the Invoke API', () => {
  let jwks: Server;
  let issuer: string;
  let key: KeyLike;
  let otherKey: KeyLike;
  let lambda: LocalLambda;
  let gateway: HttpApiGateway;
  let invokeApi: InvokeApi;
  const logs: string[] = [];

  const token = (claims: JWTPayload, options: { key?: KeyLike; kid?: string; expires?: string; issuer?: string } = {}): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setIssuer(options.issuer ?? issuer)
      .setSubject('customer-7')
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '1h')
      .sign(options.key ?? key);
  /** Claims as Cognito puts them in an access token: client_id and scope, no aud. */
  const accessToken = (scope = 'orders.read orders.write'): Promise<string> => token({ token_use: 'access', client_id: AUDIENCE, scope, username: 'customer-7' });
  const url = (path: string): string => `${gateway.url}${path}`;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((request, response) => {
      if (request.url === '/pool/.well-known/jwks.json') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/pool`;

    const catalog = catalogFor(templateOf(issuer, FUNCTIONS), undefined, { stackName: 'fixture-local' });
    lambda = new LocalLambda({ functionConcurrency: 2, maxInstances: 20, waitMs: 5_000, idleMs: 60_000 }, { AWS_REGION: 'eu-west-1' }, (record) =>
      logs.push(`${record.functionName} ${record.outcome.kind}`),
    );
    for (const spec of functionSpecs(catalog)) await lambda.add({ spec, service: 'fixture', codeDir: CODE_DIR });
    gateway = await startHttpApiGateway({ spec: httpApiSpec(catalog), lambda, port: 0, log: (_level, message) => logs.push(message) });
    invokeApi = await startInvokeApi({ lambda, port: 0 });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([gateway?.close(), invokeApi?.close(), lambda?.stop()]);
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  it('gives the function a payload format 2.0 event and answers with its response; warm invocations reuse one instance', async () => {
    const first = await http<{ event: { headers: Record<string, string> } & Record<string, unknown>; invocations: number; instance: string; functionName: string; env: Record<string, string> }>(
      url('/echo/a%20b?x=1&x=2&y=3'),
      { headers: { cookie: 'a=1; b=2', 'x-trace': 't' } },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('apigw-requestid')).toMatch(/=$/);
    const { event } = first.body;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/a%20b',
      rawQueryString: 'x=1&x=2&y=3',
      cookies: ['a=1', 'b=2'],
      pathParameters: { id: 'a b' },
      queryStringParameters: { x: '1,2', y: '3' },
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path: '/echo/a%20b' }, routeKey: 'GET /echo/{id}', stage: '$default' },
    });
    expect(event.headers['x-trace']).toBe('t');
    expect(event.headers.cookie).toBeUndefined();
    expect(first.body.functionName).toBe('fixture-local-echo');
    expect(first.body.env).toEqual({ GREETING: 'hello', AWS_LAMBDA_FUNCTION_NAME: 'fixture-local-echo' });

    const second = await http<{ invocations: number; instance: string }>(url('/echo/b'));
    expect(second.body.instance).toBe(first.body.instance);
    expect(second.body.invocations).toBe(first.body.invocations + 1);
    expect(lambda.pool('fixture-local-echo')!.stats).toMatchObject({ coldStarts: 1 });
  });

  it('matches greedy paths and answers unknown routes 404 {"message":"Not Found"}, as API Gateway does', async () => {
    const greedy = await http<{ event: { pathParameters: Record<string, string> } }>(url('/files/a/b/c.txt'), { method: 'DELETE' });
    expect(greedy.status).toBe(200);
    expect(greedy.body.event.pathParameters).toEqual({ path: 'a/b/c.txt' });
    const unknown = await http(url('/nowhere'));
    expect(unknown).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    const wrongMethod = await http(url('/throws'), { method: 'POST', body: {} });
    expect(wrongMethod).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });

  it('answers a handler that throws 500 {"message":"Internal Server Error"}, never a 2xx, and logs the function and reason', async () => {
    const response = await http(url('/throws'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.body).toEqual({ message: 'Internal Server Error' });
    expect(logs).toContain('fixture-local-throws error');
  });

  it('answers a function that runs past its timeout 500, shuts that instance down and serves the next call from a new one', async () => {
    const started = Date.now();
    const response = await http(url('/times-out?ms=3000'));
    expect(response).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    expect(Date.now() - started).toBeLessThan(2_500);
    const next = await http<{ sleptMs: number }>(url('/times-out?ms=10'));
    expect(next).toMatchObject({ status: 200, body: { sleptMs: 10 } });
    expect(lambda.pool('fixture-local-timesOut')!.stats).toMatchObject({ timeouts: 1, coldStarts: 2 });
  });

  it('answers 503 {"message":"Service Unavailable"} when the integration does not answer within its timeout', async () => {
    const response = await http(url('/slow-integration?ms=1500'));
    expect(response).toMatchObject({ status: 503, body: { message: 'Service Unavailable' } });
  });

  it('answers 500 for a result API Gateway cannot map, and 200 JSON for a plain value', async () => {
    expect(await http(url('/bad-response'))).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    const plain = await http(url('/plain-value'));
    expect(plain).toMatchObject({ status: 200, body: { answer: 42 } });
    expect(plain.headers.get('content-type')).toBe('application/json');
  });

  it('queues invocations beyond a reserved concurrency of 1: one instance serves them one after another', async () => {
    const started = Date.now();
    const responses = await Promise.all([1, 2, 3].map(() => http<{ instance: string }>(url('/single?ms=200'))));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(new Set(responses.map((response) => response.body.instance)).size).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(lambda.pool('fixture-local-single')!.live).toBe(1);
  });

  it('throttles past the wait bound: the HTTP API answers 500 and the Invoke API 429 TooManyRequestsException', async () => {
    const busy = lambda.invoke('fixture-local-queueConsumer', { ms: 1_000 });
    const throttled = await lambda.invoke('fixture-local-queueConsumer', { ms: 1 }, { waitMs: 50 });
    expect(throttled.outcome).toMatchObject({ kind: 'throttled', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    const viaApi = await fetch(`${invokeApi.url}/2015-03-31/functions/fixture-local-queueConsumer/invocations`, { method: 'POST', body: '{"ms":1}' });
    // The Invoke API waits up to the default bound (5 s here): the busy one ends within it, so this one runs.
    expect(viaApi.status).toBe(200);
    await busy;

    const gatewayBusy = http(url('/single?ms=1500'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const shortWait = new LocalLambda({ functionConcurrency: 1, maxInstances: 1, waitMs: 50, idleMs: 60_000 }, {});
    const catalog = catalogFor(templateOf(issuer, { single: FUNCTIONS.single! }), undefined, { stackName: 'fixture-local' });
    for (const spec of functionSpecs(catalog)) await shortWait.add({ spec, service: 'fixture', codeDir: CODE_DIR });
    const shortGateway = await startHttpApiGateway({ spec: httpApiSpec(catalog), lambda: shortWait, port: 0, log: () => undefined });
    const shortInvoke = await startInvokeApi({ lambda: shortWait, port: 0 });
    try {
      const [a, b] = await Promise.all([http(`${shortGateway.url}/single?ms=500`), http(`${shortGateway.url}/single?ms=500`)]);
      expect([a.status, b.status].sort()).toEqual([200, 500]);
      const slow = fetch(`${shortInvoke.url}/2015-03-31/functions/fixture-local-single/invocations`, { method: 'POST', body: '{"ms":500}' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const tooMany = await fetch(`${shortInvoke.url}/2015-03-31/functions/fixture-local-single/invocations`, { method: 'POST', body: '{"ms":1}' });
      expect(tooMany.status).toBe(429);
      expect(tooMany.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(await tooMany.json()).toMatchObject({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
      expect((await slow).status).toBe(200);
    } finally {
      await Promise.all([shortGateway.close(), shortInvoke.close(), shortWait.stop()]);
    }
    await gatewayBusy;
  });

  it('returns a function error through the Invoke API with X-Amz-Function-Error, and 404 for an unknown function', async () => {
    const failed = await fetch(`${invokeApi.url}/2015-03-31/functions/fixture-local-throws/invocations`, { method: 'POST', body: '{}' });
    expect(failed.status).toBe(200);
    expect(failed.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await failed.json()).toMatchObject({ errorType: 'TypeError', errorMessage: 'the handler failed on purpose' });
    const unknown = await fetch(`${invokeApi.url}/2015-03-31/functions/nope/invocations`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
  });

  describe('JWT authorizer (AWS rules, before any function runs)', () => {
    const call = (path: string, authorization?: string, method = 'GET') =>
      http<{ event?: { requestContext: { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] | null } } } }; message?: string }>(url(path), {
        method,
        ...(authorization ? { headers: { authorization } } : {}),
        ...(method === 'POST' ? { body: {} } : {}),
      });

    it('passes a Cognito-shaped access token (client_id, no aud) and gives the function its claims as strings', async () => {
      const response = await call('/secured', `Bearer ${await accessToken()}`);
      expect(response.status).toBe(200);
      const { claims, scopes } = response.body.event!.requestContext.authorizer.jwt;
      expect(claims).toMatchObject({ sub: 'customer-7', client_id: AUDIENCE, token_use: 'access', scope: 'orders.read orders.write' });
      expect(typeof claims.exp).toBe('string');
      expect(scopes).toBeNull();
    });

    it('passes an ID token whose aud is the client id', async () => {
      expect((await call('/secured', `Bearer ${await token({ token_use: 'id', aud: AUDIENCE })}`)).status).toBe(200);
    });

    it.each([
      ['no token', async () => undefined],
      ['a malformed token', async () => 'Bearer not-a-jwt'],
      ['an expired token', async () => `Bearer ${await token({ client_id: AUDIENCE }, { expires: '-1m' })}`],
      ['another issuer', async () => `Bearer ${await token({ client_id: AUDIENCE }, { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other' })}`],
      ['another client id', async () => `Bearer ${await token({ client_id: 'someone-else' })}`],
      ['an aud that is not ours (client_id is then ignored)', async () => `Bearer ${await token({ aud: 'other', client_id: AUDIENCE })}`],
      ['a key that is not in the JWKS', async () => `Bearer ${await token({ client_id: AUDIENCE }, { key: otherKey, kid: 'key-2' })}`],
      ['a known kid with a forged signature', async () => `Bearer ${await token({ client_id: AUDIENCE }, { key: otherKey })}`],
    ])('answers %s 401 {"message":"Unauthorized"}', async (_name, makeAuthorization) => {
      const authorization = await makeAuthorization();
      const response = await call('/secured', authorization);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toMatch(authorization === undefined ? /^Bearer$/ : /^Bearer scope="" error="invalid_token" error_description=".+"$/);
    });

    it('accepts a token it verified before only until it expires (the verification is remembered, not the expiry)', async () => {
      const authorization = `Bearer ${await token({ client_id: AUDIENCE }, { expires: '2s' })}`;
      expect((await call('/secured', authorization)).status).toBe(200);
      expect((await call('/secured', authorization)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const expired = await call('/secured', authorization);
      expect(expired).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
      expect(expired.headers.get('www-authenticate')).toMatch(/error="invalid_token" error_description=".*exp.*"/);
    });

    it('answers a valid token without any of the route scopes 403 {"message":"Forbidden"}, and passes one that has one', async () => {
      const forbidden = await call('/scoped', `Bearer ${await accessToken('orders.read')}`, 'POST');
      expect(forbidden).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
      expect(forbidden.headers.get('www-authenticate')).toMatch(/^Bearer scope="orders.write" error="insufficient_scope"/);
      const allowed = await call('/scoped', `Bearer ${await accessToken('orders.write')}`, 'POST');
      expect(allowed.status).toBe(200);
      expect(allowed.body.event!.requestContext.authorizer.jwt.scopes).toEqual(['orders.write']);
    });
  });

  it('answers CORS preflights itself and adds CORS headers for allowed origins only', async () => {
    const preflight = await fetch(url('/secured'), { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const allowed = await fetch(url('/echo/1'), { headers: { origin: 'http://localhost:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('X-Instance');
    const other = await fetch(url('/echo/1'), { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
