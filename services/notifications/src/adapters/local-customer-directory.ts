import type { CustomerDirectory } from '../ports/customer-directory';

/**
 * Deterministic addresses `<customerId>@<domain>` (default `customers.local`): no customer data store exists yet,
 * and ids are the JWT `sub`. Characters that are not safe in an address's local part are written as `=XX` (hex).
 * Used for stage local and tests; deployed stages need a real directory (see the ADR).
 */
export class LocalCustomerDirectory implements CustomerDirectory {
  constructor(private readonly domain = 'customers.local') {}

  async emailOf(customerId: string): Promise<string> {
    const local = customerId.replace(/[^A-Za-z0-9_-]/g, (char) => `=${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
    return `${local}@${this.domain}`;
  }
}
