/**
 * Where a customer's email address comes from: events carry only the customer id (the JWT `sub`).
 * See docs/adr/0030-notifications-exactly-once-delivery.md ("Recipient addresses").
 */
export interface CustomerDirectory {
  emailOf(customerId: string): Promise<string>;
}
