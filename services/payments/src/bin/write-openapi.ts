/** Writes services/payments/openapi.json from the handlers' schemas: `pnpm --filter @commerce/payments docs`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../openapi';

const target = join(__dirname, '..', '..', 'openapi.json');
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${target}`);
