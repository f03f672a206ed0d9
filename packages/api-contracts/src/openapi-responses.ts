import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiLike } from './openapi-compat';

/**
 * Real responses checked against an OpenAPI 3.1 document: the operation must exist, the status must be one it
 * documents, and the body must be of a documented media type and valid against its schema (Ajv, JSON Schema 2020-12,
 * formats included). API Gateway's own 404 for a route the API does not have (`{"message":"Not Found"}`) is the one
 * answer no operation can document, and is accepted as the document's description says.
 */

export interface ObservedResponse {
  method: string;
  /** The request path (no query), e.g. `/orders/ord_1`. */
  path: string;
  status: number;
  contentType?: string | null;
  /** The body, parsed when it is JSON; undefined or '' when empty. */
  body: unknown;
}

type ResponseObject = { content?: Record<string, { schema?: unknown }> };
type OperationObject = { responses?: Record<string, ResponseObject> };

const DOCUMENT_ID = 'openapi:document';

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const templateMatcher = (template: string) => {
  const segments = template.split('/').filter(Boolean);
  return {
    template,
    literal: segments.filter((segment) => !segment.startsWith('{')).length,
    matches: (path: string): boolean => {
      const parts = path.split('/').filter(Boolean);
      return parts.length === segments.length && segments.every((segment, index) => segment.startsWith('{') || segment === parts[index]);
    },
  };
};

const isGatewayNotFound = (response: ObservedResponse): boolean =>
  response.status === 404 && JSON.stringify(response.body) === JSON.stringify({ message: 'Not Found' });

export type ResponseValidator = (response: ObservedResponse) => string[];

/** A validator of responses against `document`: the reasons a response does not conform (none when it does). */
export const responseValidator = (document: OpenApiLike): ResponseValidator => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID } as object);
  const templates = Object.keys(document.paths ?? {})
    .map(templateMatcher)
    .sort((a, b) => b.literal - a.literal);

  return (response) => {
    const method = response.method.toLowerCase();
    const label = `${response.method.toUpperCase()} ${response.path} -> ${response.status}`;
    const template = templates.find((candidate) => candidate.matches(response.path) && document.paths?.[candidate.template]?.[method]);
    if (!template) return isGatewayNotFound(response) ? [] : [`${label}: no operation of the document matches`];
    const operation = document.paths![template.template]![method] as OperationObject;
    const status = String(response.status);
    const documented = operation.responses?.[status] ? status : operation.responses?.[`${status[0]}XX`] ? `${status[0]}XX` : operation.responses?.default ? 'default' : undefined;
    if (!documented) return [`${label}: status ${status} is not documented for ${response.method.toUpperCase()} ${template.template} (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`];
    const content = operation.responses![documented]!.content;
    const empty = response.body === undefined || response.body === '';
    if (!content || Object.keys(content).length === 0) return empty ? [] : [`${label}: the document says no body, got one`];
    const mediaType = (response.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(mediaType in content)) return [`${label}: content-type ${mediaType || '(none)'} is not one of ${Object.keys(content).join(', ')}`];
    if (content[mediaType]!.schema === undefined) return [];
    const pointer = ['paths', template.template, method, 'responses', documented, 'content', mediaType, 'schema'].map(escapePointer).join('/');
    const validate = ajv.getSchema(`${DOCUMENT_ID}#/${pointer}`);
    if (!validate) return [`${label}: cannot compile the schema at #/${pointer}`];
    if (validate(response.body)) return [];
    return (validate.errors ?? []).map((error) => `${label}: body${error.instancePath} ${error.message ?? 'is invalid'} (${JSON.stringify(error.params)})`);
  };
};

/**
 * Every response a test sees, checked as it goes: `record` keeps what did not conform, `assertConforming` throws
 * with all of it (call it when the API stops, so no test has to remember).
 */
export class ResponseContract {
  private readonly validate: ResponseValidator;
  readonly violations: string[] = [];
  checked = 0;
  failed = 0;

  constructor(
    document: OpenApiLike,
    private readonly name: string,
  ) {
    this.validate = responseValidator(document);
  }

  record(response: ObservedResponse): string[] {
    this.checked += 1;
    const reasons = this.validate(response);
    this.violations.push(...reasons);
    if (reasons.length > 0) this.failed += 1;
    return reasons;
  }

  assertConforming(): void {
    if (this.violations.length === 0) return;
    throw new Error(`${this.failed} of ${this.checked} response(s) do not conform to ${this.name}:\n${this.violations.join('\n')}`);
  }
}
