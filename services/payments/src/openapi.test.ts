import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from './openapi';

describe('openapi.json', () => {
  it('is current (regenerate with `pnpm --filter @commerce/payments docs`)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
