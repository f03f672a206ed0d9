import { releasedApi } from './fixtures/released-api';
import { ResponseContract, responseValidator } from './openapi-responses';

const validate = responseValidator(releasedApi());
const order = { id: 'ord_1', status: 'PAID', totalCents: 2500, createdAt: '2026-01-02T03:04:05.000Z' };
const json = 'application/json; charset=utf-8';

describe('responseValidator', () => {
  it('accepts a documented status with a body valid against its schema ($refs resolved)', () => {
    expect(validate({ method: 'POST', path: '/orders', status: 201, contentType: json, body: order })).toEqual([]);
    expect(validate({ method: 'GET', path: '/orders', status: 200, contentType: json, body: { items: [order], nextCursor: null } })).toEqual([]);
  });

  it('rejects a body that breaks the schema: a wrong type, an unknown enum value, a bad format, an extra field, a missing field', () => {
    const reasons = validate({ method: 'POST', path: '/orders', status: 201, contentType: json, body: { ...order, totalCents: '25', status: 'LOST', createdAt: 'yesterday', extra: 1 } });
    expect(reasons.join('\n')).toMatch(/totalCents must be integer/);
    expect(reasons.join('\n')).toMatch(/status must be equal to one of the allowed values/);
    expect(reasons.join('\n')).toMatch(/createdAt must match format "date-time"/);
    expect(reasons.join('\n')).toMatch(/must NOT have additional properties/);
    expect(validate({ method: 'GET', path: '/orders', status: 200, contentType: json, body: { items: [] } }).join()).toMatch(/must have required property 'nextCursor'/);
  });

  it('rejects an undocumented status, media type or operation', () => {
    expect(validate({ method: 'POST', path: '/orders', status: 409, contentType: 'application/problem+json', body: {} })).toEqual([
      'POST /orders -> 409: status 409 is not documented for POST /orders (documented: 201, 422)',
    ]);
    expect(validate({ method: 'POST', path: '/orders', status: 201, contentType: 'text/html', body: '<p>' })[0]).toMatch(/content-type text\/html is not one of application\/json/);
    expect(validate({ method: 'DELETE', path: '/orders', status: 204, body: '' })[0]).toMatch(/no operation of the document matches/);
  });

  it("accepts API Gateway's own 404 for a route the API does not have, and nothing else there", () => {
    expect(validate({ method: 'GET', path: '/nowhere', status: 404, contentType: 'application/json', body: { message: 'Not Found' } })).toEqual([]);
    expect(validate({ method: 'GET', path: '/nowhere', status: 200, contentType: 'application/json', body: {} })).toHaveLength(1);
  });
});

describe('ResponseContract', () => {
  it('keeps every violation and throws them all at the end', () => {
    const contract = new ResponseContract(releasedApi(), 'the fixture API');
    contract.record({ method: 'POST', path: '/orders', status: 201, contentType: json, body: order });
    contract.record({ method: 'POST', path: '/orders', status: 201, contentType: json, body: { id: 'ord_2' } });
    expect(() => contract.assertConforming()).toThrow(/^1 of 2 response\(s\) do not conform to the fixture API:\nPOST \/orders -> 201: body must have required property 'status'/);
    expect(contract.violations.length).toBeGreaterThan(0);
  });
});
