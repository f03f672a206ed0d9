import { corsGaps, documentedRequestHeaders, documentedResponseHeaders } from './cors';

const document = {
  paths: {
    '/orders': {
      post: {
        parameters: [
          { name: 'Idempotency-Key', in: 'header' },
          { name: 'limit', in: 'query' },
        ],
        requestBody: { content: { 'application/json': {} } },
        security: [{ cognito: ['orders/write'] }],
        responses: { '201': { headers: { Location: {}, 'X-Correlation-Id': {}, 'Cache-Control': {} } } },
      },
    },
    '/health': { get: { security: [], responses: { '200': {} } } },
  },
};

describe('corsGaps', () => {
  it('names the request headers a browser sends: header parameters, Authorization where secured, Content-Type for a body', () => {
    expect(documentedRequestHeaders(document)).toEqual(['authorization', 'content-type', 'idempotency-key']);
  });

  it('names the response headers scripts can read only when exposed (CORS-safelisted ones left out)', () => {
    expect(documentedResponseHeaders(document)).toEqual(['location', 'x-correlation-id']);
  });

  it('is empty when the configuration allows and exposes them (any case), and says what is missing otherwise', () => {
    expect(corsGaps(document, { allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'], exposeHeaders: ['Location', 'X-Correlation-Id'] })).toEqual([]);
    expect(corsGaps(document, { allowHeaders: ['Content-Type', 'Authorization'], exposeHeaders: ['Location'] })).toEqual([
      'request header idempotency-key is not in AllowHeaders',
      'response header x-correlation-id is not in ExposeHeaders',
    ]);
  });
});
