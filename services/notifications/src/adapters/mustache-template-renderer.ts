import Mustache from 'mustache';
import { TemplateError } from '../domain/errors';
import type { MessageType, RenderedMessage } from '../domain/message';
import type { TemplateModel } from '../domain/message-content';
import type { TemplateRenderer } from '../ports/template-renderer';
import { templates as bundledTemplates, type TemplateSet } from '../templates';

type Span = Mustache.TemplateSpans[number];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Mustache's name lookup, but a name that resolves to nothing is an error instead of an empty string. */
const lookup = (stack: readonly unknown[], name: string): { found: boolean; value?: unknown } => {
  if (name === '.') return { found: true, value: stack[stack.length - 1] };
  const [head, ...rest] = name.split('.');
  for (let index = stack.length - 1; index >= 0; index -= 1) {
    const context = stack[index];
    if (!isObject(context) || !(head! in context)) continue;
    let value: unknown = context[head!];
    for (const part of rest) {
      if (!isObject(value) || !(part in value)) return { found: false };
      value = value[part];
    }
    return value === undefined ? { found: false } : { found: true, value };
  }
  return { found: false };
};

/**
 * Walks a parsed template against the model like Mustache will, failing on any name the model does not provide
 * (model/template drift is a template failure, not a silently blank email) and, in HTML, on unescaped output.
 */
const check = (spans: Mustache.TemplateSpans, stack: unknown[], partials: Record<string, string>, html: boolean, where: string): void => {
  for (const span of spans as Span[]) {
    const [kind, name] = span;
    if (kind === 'text' || kind === '!' || kind === '=') continue;
    if (kind === '>') {
      const partial = partials[name];
      if (partial === undefined) throw new TemplateError(`${where}: unknown partial "${name}"`);
      check(Mustache.parse(partial), stack, partials, html, `${where} > ${name}`);
      continue;
    }
    if (kind === '&' && html) throw new TemplateError(`${where}: unescaped output {{{${name}}}} is not allowed in HTML templates`);
    const { found, value } = lookup(stack, name);
    if (!found) throw new TemplateError(`${where}: the model has no value for "${name}"`);
    if (typeof value === 'function') throw new TemplateError(`${where}: "${name}" is a function; models hold data only`);
    const children = (span[4] ?? []) as Mustache.TemplateSpans;
    if (kind === '#') {
      if (Array.isArray(value)) value.forEach((item) => check(children, [...stack, item], partials, html, `${where} #${name}`));
      else if (value) check(children, [...stack, value], partials, html, `${where} #${name}`);
    } else if (kind === '^' && !value) {
      check(children, stack, partials, html, `${where} ^${name}`);
    }
  }
};

const parse = (template: string, where: string): Mustache.TemplateSpans => {
  try {
    return Mustache.parse(template);
  } catch (error) {
    throw new TemplateError(`${where}: ${(error as Error).message}`);
  }
};

const asText = { escape: (value: unknown): string => String(value) };

/**
 * Renders the service's Mustache templates (src/templates): subject and text without escaping, HTML escaped and
 * wrapped in the layout. Strict: every referenced value must exist in the model.
 */
export class MustacheTemplateRenderer implements TemplateRenderer {
  constructor(private readonly set: TemplateSet = bundledTemplates) {}

  render(type: MessageType, model: TemplateModel): RenderedMessage {
    const templates = this.set.messages[type];
    if (!templates) throw new TemplateError(`no templates for ${type}`);
    check(parse(templates.subject, `${type} subject`), [model], {}, false, `${type} subject`);
    check(parse(templates.text, `${type} text`), [model], {}, false, `${type} text`);
    const subject = Mustache.render(templates.subject, model, {}, asText).replace(/\s+/g, ' ').trim();
    if (!subject) throw new TemplateError(`${type} subject rendered empty`);
    const layoutModel = { ...model, subject };
    const partials = { content: templates.html };
    parse(templates.html, `${type} html`);
    check(parse(this.set.layout, 'layout'), [layoutModel], partials, true, `${type} html`);
    return {
      subject,
      text: Mustache.render(templates.text, model, {}, asText).replace(/\n{3,}/g, '\n\n').trim() + '\n',
      html: Mustache.render(this.set.layout, layoutModel, partials),
    };
  }
}
