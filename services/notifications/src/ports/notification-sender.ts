export interface OutgoingEmail {
  /** The message id: the adapter passes it along (tag, file name) so a delivery can be traced to its record. */
  messageId: string;
  type: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SendReceipt {
  /** Which adapter delivered it, e.g. `ses` or `store`. */
  provider: string;
  providerMessageId: string;
}

/** Delivers a rendered message to a customer. Throws when the provider did not accept it. */
export interface NotificationSender {
  send(email: OutgoingEmail): Promise<SendReceipt>;
}
