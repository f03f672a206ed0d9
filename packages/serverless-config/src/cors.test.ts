import { httpApiCors } from './cors';
import { serviceVars } from './service-vars';
import { settingsFor } from './stages';

const SERVICES = ['orders', 'payments', 'notifications'] as const;
const STAGES = ['local', 'dev', 'staging', 'prod', 'pr-123'];

describe('httpApiCors (provider.httpApi.cors of every service)', () => {
  it.each(SERVICES)("%s: the stage's origins, never *, the correlation id sent and readable, every field given", (service) => {
    for (const stage of STAGES) {
      const cors = httpApiCors(service, stage);
      expect(cors.allowedOrigins).toEqual(settingsFor(stage).corsOrigins);
      expect(JSON.stringify(cors)).not.toContain('*');
      expect(cors.allowedHeaders).toEqual(expect.arrayContaining(['Content-Type', 'Authorization', 'X-Correlation-Id']));
      expect(cors.exposedResponseHeaders).toEqual(expect.arrayContaining(['X-Correlation-Id', 'WWW-Authenticate']));
      expect(cors.allowedMethods).toEqual(expect.arrayContaining(['GET', 'OPTIONS']));
      expect(cors.maxAge).toBe(600);
      expect(serviceVars(service, stage).httpApiCors).toEqual(cors);
    }
  });

  it("orders also takes Idempotency-Key and POST and exposes Location and Idempotent-Replayed; payments exposes Retry-After", () => {
    expect(httpApiCors('orders', 'dev')).toMatchObject({
      allowedHeaders: expect.arrayContaining(['Idempotency-Key']),
      allowedMethods: expect.arrayContaining(['POST']),
      exposedResponseHeaders: expect.arrayContaining(['Location', 'Idempotent-Replayed']),
    });
    expect(httpApiCors('payments', 'dev').exposedResponseHeaders).toContain('Retry-After');
    expect(httpApiCors('payments', 'dev').allowedMethods).not.toContain('POST');
  });
});
