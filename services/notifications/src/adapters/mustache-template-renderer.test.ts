import { TemplateError } from '../domain/errors';
import { messageTypes } from '../domain/message';
import { contentForEvent, contentForReceipt } from '../domain/message-content';
import { allEvents, receiptDocument } from '../testing/fixtures';
import { templates } from '../templates';
import { MustacheTemplateRenderer } from './mustache-template-renderer';

const renderer = new MustacheTemplateRenderer();

describe('MustacheTemplateRenderer', () => {
  it('renders subject, text and HTML for every message type from the bundled template files', () => {
    const contents = [
      ...allEvents().map((event) => contentForEvent(event)!),
      contentForReceipt(receiptDocument(), { url: 'https://example.com/r?a=1&b=2', expiresInMinutes: 60 }),
    ];
    expect(contents.map((content) => content.type).sort()).toEqual([...messageTypes].sort());
    for (const content of contents) {
      const message = renderer.render(content.type, content.model);
      expect(message.subject).toContain('ord_1');
      expect(message.subject).not.toMatch(/\n/);
      expect(message.text).toContain('ord_1');
      expect(message.html).toMatch(/^<!doctype html>/);
      expect(message.html).toContain(`<title>${message.subject.replace(/&/g, '&amp;')}</title>`);
    }
  });

  it('fills in the values and escapes them in HTML only', () => {
    const placed = contentForEvent(allEvents()[0]!)!;
    const message = renderer.render(placed.type, placed.model);
    expect(message.subject).toBe('We received your order ord_1');
    expect(message.text).toContain('- 2 x MUG-1 at €12.50 = €25.00');
    expect(message.text).toContain('1 x TEA-<b> at');
    expect(message.html).toContain('<td>TEA-&lt;b&gt;</td>');
    expect(message.html).not.toContain('TEA-<b>');
    expect(message.text).toContain('3 item(s), €37.50 in total');
  });

  it('renders the conditional parts of a cancellation', () => {
    const [, , paid] = allEvents();
    const content = contentForEvent(paid!)!;
    expect(renderer.render(content.type, content.model).text).toContain('we are refunding you');
    const unpaid = renderer.render(content.type, { ...content.model, wasPaid: false, reason: null });
    expect(unpaid.text).toContain('No payment was taken.');
    expect(unpaid.text).not.toContain('Reason:');
  });

  it('fails on a value the model does not provide instead of rendering a blank', () => {
    const content = contentForEvent(allEvents()[1]!)!;
    const { reason: _reason, ...withoutReason } = content.model;
    expect(() => renderer.render(content.type, withoutReason)).toThrow(new TemplateError('payment.failed text: the model has no value for "reason"'));
  });

  it('fails on a broken template and on unescaped HTML output', () => {
    const content = contentForEvent(allEvents()[0]!)!;
    const broken = new MustacheTemplateRenderer({
      ...templates,
      messages: { ...templates.messages, 'order.placed': { ...templates.messages['order.placed'], text: '{{#items}} never closed' } },
    });
    expect(() => broken.render(content.type, content.model)).toThrow(TemplateError);
    const raw = new MustacheTemplateRenderer({
      ...templates,
      messages: { ...templates.messages, 'order.placed': { ...templates.messages['order.placed'], html: '<p>{{{orderId}}}</p>' } },
    });
    expect(() => raw.render(content.type, content.model)).toThrow(/unescaped output/);
  });
});
