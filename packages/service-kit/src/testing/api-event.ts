import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** An API Gateway HTTP API (v2) event for unit tests of handlers; integration tests use real HTTP instead. */
export const apiEvent = (overrides: {
  method?: string;
  path?: string;
  routeKey?: string;
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  params?: Record<string, string>;
}): APIGatewayProxyEventV2 => {
  const method = overrides.method ?? 'GET';
  const path = overrides.path ?? '/';
  return {
    version: '2.0',
    routeKey: overrides.routeKey ?? `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(overrides.query ?? {}).toString(),
    headers: { ...(overrides.body === undefined ? {} : { 'content-type': 'application/json' }), ...overrides.headers },
    ...(overrides.query ? { queryStringParameters: overrides.query } : {}),
    ...(overrides.params ? { pathParameters: overrides.params } : {}),
    ...(overrides.body === undefined ? {} : { body: typeof overrides.body === 'string' ? overrides.body : JSON.stringify(overrides.body) }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'req-1', routeKey: overrides.routeKey ?? `${method} ${path}`, stage: '$default', time: '', timeEpoch: 0,
    },
  };
};

export const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:test',
  memoryLimitInMB: '256', awsRequestId: 'aws-req-1', logGroupName: '/aws/lambda/test', logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000, done: () => undefined, fail: () => undefined, succeed: () => undefined,
});
