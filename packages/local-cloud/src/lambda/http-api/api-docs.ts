import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';

/**
 * The local system's browsable API reference (ADR 0013): beside each API, `GET /openapi.json` (the service's committed
 * document, read on every request, so a regenerated document shows at once) and `GET /docs`, Swagger UI from the
 * swagger-ui-dist package in node_modules (no CDN, works offline). Its "Try it out" calls the API on the same origin
 * with a token from `pnpm -s token`. Local only: deployed stages do not serve docs.
 */

const swaggerUiDir = (): string => dirname(createRequire(__filename).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>API reference</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/docs.js"></script>
</body>
</html>
`;

/** Swagger UI on this origin's document, every operation expanded to its summary, the token remembered across reloads. */
const START = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  persistAuthorization: true,
  displayOperationId: true,
  docExpansion: 'list',
});
`;

const answer = (response: ServerResponse, contentType: string, body: string | Buffer): void => {
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', 'content-length': String(Buffer.byteLength(body)) }).end(body);
};

/** The gateway's local routes for a service whose document is at `openApiPath`; none when it has no document. */
export const apiDocsRoutes = (openApiPath: string): Record<string, (response: ServerResponse) => void> => {
  if (!existsSync(openApiPath)) return {};
  const assets = swaggerUiDir();
  return {
    '/openapi.json': (response) => answer(response, 'application/json', readFileSync(openApiPath)),
    '/docs': (response) => answer(response, 'text/html; charset=utf-8', PAGE),
    '/docs/docs.js': (response) => answer(response, 'text/javascript; charset=utf-8', START),
    '/docs/swagger-ui.css': (response) => answer(response, 'text/css; charset=utf-8', readFileSync(join(assets, 'swagger-ui.css'))),
    '/docs/swagger-ui-bundle.js': (response) => answer(response, 'text/javascript; charset=utf-8', readFileSync(join(assets, 'swagger-ui-bundle.js'))),
  };
};
