import type { MessageType, RenderedMessage } from '../domain/message';
import type { TemplateModel } from '../domain/message-content';

/** Renders a message type's subject, text and HTML templates. Throws TemplateError when it cannot. */
export interface TemplateRenderer {
  render(type: MessageType, model: TemplateModel): RenderedMessage;
}
