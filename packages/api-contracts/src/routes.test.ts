import { releasedApi } from './fixtures/released-api';
import { routeAgreement } from './routes';

const template = [
  { key: 'POST /orders', scopes: ['commerce/orders.write'], functionName: 'createOrder' },
  { key: 'GET /orders', scopes: ['commerce/orders.read'], functionName: 'listOrders' },
];

describe('routeAgreement', () => {
  it('is empty when the template, the table and the document agree', () => {
    expect(routeAgreement({ template, table: template, document: releasedApi() })).toEqual([]);
  });

  it('names a route missing on either side, and other scopes or another function', () => {
    const table = [{ ...template[0]!, functionName: 'placeOrder' }, { key: 'GET /orders/{id}', scopes: ['commerce/orders.read'], functionName: 'getOrder' }];
    const document = releasedApi();
    document.paths['/orders'].get.security = [{ cognito: ['commerce/orders.write'] }];
    expect(routeAgreement({ template: [...template, { key: 'POST /orders/{id}/cancel', scopes: [], functionName: 'cancelOrder' }], table, document })).toEqual([
      'POST /orders: function createOrder in the packaged template, placeOrder in the route table (src/handlers/http-routes.ts)',
      'GET /orders is in the packaged template but not in the route table (src/handlers/http-routes.ts)',
      'POST /orders/{id}/cancel is in the packaged template but not in the route table (src/handlers/http-routes.ts)',
      'GET /orders/{id} is in the route table (src/handlers/http-routes.ts) but not in the packaged template',
      'GET /orders: scopes ["commerce/orders.read"] in the packaged template, ["commerce/orders.write"] in openapi.json',
      'POST /orders/{id}/cancel is in the packaged template but not in openapi.json',
    ]);
  });
});
