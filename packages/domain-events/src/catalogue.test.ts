import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument } from './asyncapi';
import { ARCHITECTURE_DOC, GENERATE_COMMAND, generatedFiles } from './generated-files';
import { eventCatalog, eventTypes, publishedVersions, subscribedTypes, subscriptions } from './index';
import { topologyDiagram } from './topology-diagram';

const root = join(__dirname, '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const { version: packageVersion } = JSON.parse(read('package.json')) as { version: string };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the AsyncAPI catalogue', () => {
  const document = asyncApiDocument(packageVersion) as Json;

  // @asyncapi/parser (the reference parser: the AsyncAPI 3 JSON Schema, the SQS binding schemas and its rules)
  // loads slowly the first time: its rule engine compiles every schema.
  it('is a valid AsyncAPI 3 document for @asyncapi/parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const problems = diagnostics.filter(({ code }) => code !== 'asyncapi-latest-version'); // 3.0.0 on purpose (ADR 0015)
    expect(problems.map(({ code, message, path }) => `${code} at ${path.join('.')}: ${message}`)).toEqual([]);
    expect(parsed?.channels().all().map((channel) => channel.address())).toEqual(
      expect.arrayContaining(['{app}-{stage}-payments-inbox', '{app}-{stage}-notifications-receipts']),
    );
  }, 60_000);

  it('has one message per event type and version, with the JSON Schema of schemas/ as its payload', () => {
    for (const type of eventTypes) {
      for (const { version } of publishedVersions(eventCatalog[type])) {
        const message = document.components.messages[`${type}.v${version}`];
        const { $schema: _schema, $id: _id, ...released } = JSON.parse(read(`schemas/${type}.v${version}.json`)) as Json;
        expect(message).toMatchObject({ name: type, payload: released });
      }
    }
  });

  it('gives each inbox the messages of every version its owner subscribes to, and each producer a send per subscriber', () => {
    for (const service of ['orders', 'payments', 'notifications'] as const) {
      const expected = subscribedTypes(service).flatMap((type) => publishedVersions(eventCatalog[type]).map(({ version }) => `${type}.v${version}`));
      expect(Object.keys(document.channels[`${service}Inbox`].messages).sort()).toEqual(expected.sort());
    }
    for (const type of eventTypes) {
      const { producer, version } = eventCatalog[type];
      for (const consumer of subscriptions[type]) {
        const operation = Object.values(document.operations as Json).find(
          (candidate) => candidate.action === 'send' && candidate.tags[0].name === producer && candidate.channel.$ref === `#/channels/${consumer}Inbox`,
        );
        expect(operation?.messages).toContainEqual({ $ref: `#/channels/${consumer}Inbox/messages/${type}.v${version}` });
      }
    }
  });
});

describe('the topology diagram', () => {
  it('draws every producer → inbox edge of the subscription table and the receipts hand-off', () => {
    const diagram = topologyDiagram();
    for (const type of eventTypes) {
      const { producer, title, version } = eventCatalog[type];
      for (const consumer of subscriptions[type]) {
        expect(diagram).toMatch(new RegExp(`  ${producer} -->\\|"[^"]*${title} v${version}[^"]*"\\| ${consumer}_inbox\\n`));
      }
    }
    expect(diagram).toContain('payments -->|"PutObject receipts/{orderId}.json"| payments_receipts__accountId_');
    expect(diagram).toContain('payments_receipts__accountId_ -->|"S3 ObjectCreated receipts/"| notifications_receipts');
    expect(diagram).toContain('notifications_receipts --> notifications');
  });
});

describe('generated files are committed up to date', () => {
  it.each(generatedFiles(packageVersion, read).map(({ path, content }) => [path, content]))('%s', (path, content) => {
    const committed = read(path);
    if (committed !== content) {
      throw new Error(`${path === ARCHITECTURE_DOC ? 'docs/architecture.md (topology section)' : path} is stale: run \`${GENERATE_COMMAND}\` and commit the result`);
    }
  });
});
