import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiIncompatibilities } from '@commerce/api-contracts';
import { openApiDocument } from './openapi';

const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '..', file), 'utf8')) as Record<string, unknown>;

describe('openapi.json', () => {
  it('is current (regenerate with `pnpm --filter @commerce/payments docs`)', () => {
    expect(read('openapi.json')).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('breaks no client of the released document, openapi.released.json (a breaking change ships under a new path version)', () => {
    expect(openApiIncompatibilities(read('openapi.released.json'), read('openapi.json'))).toEqual([]);
  });
});
