import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiIncompatibilities, responseValidator } from '@commerce/api-contracts';
import { openApiDocument } from './openapi';

const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '..', file), 'utf8')) as Record<string, unknown>;

describe('openapi.json', () => {
  it('is current (regenerate with `pnpm --filter @commerce/payments docs`)', () => {
    expect(read('openapi.json')).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("documents API Gateway's own 503 beside the route's own 503 problem (both validate)", () => {
    const validate = responseValidator(read('openapi.json'));
    const at = { method: 'GET', path: '/payments/ord_1/action', status: 503 };
    expect(validate({ ...at, contentType: 'application/json', body: { message: 'Service Unavailable' } })).toEqual([]);
    const problem = { type: 'https://problems.commerce.example.com/payment-provider-unavailable', title: 'Service Unavailable', status: 503, detail: 'retry' };
    expect(validate({ ...at, contentType: 'application/problem+json', body: problem })).toEqual([]);
  });

  it('breaks no client of the released document, openapi.released.json (a breaking change ships under a new path version)', () => {
    expect(openApiIncompatibilities(read('openapi.released.json'), read('openapi.json'))).toEqual([]);
  });
});
