import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NotificationSender, OutgoingEmail, SendReceipt } from '../ports/notification-sender';

export interface StoredEmail extends OutgoingEmail {
  from: string;
  storedAt: string;
  providerMessageId: string;
}

export const OUTBOX_LOG = 'outbox.jsonl';

/**
 * The local "email service" (NOTIFICATION_CHANNEL=store): appends every send to `<dir>/outbox.jsonl` (one JSON line
 * per send, so a duplicate send shows as a second line) and writes `<dir>/<messageId>.html` / `.txt` to open in a
 * browser or editor. Nothing leaves the machine.
 */
export class OutboxNotificationSender implements NotificationSender {
  constructor(
    private readonly dir: string,
    private readonly fromAddress: string,
  ) {}

  async send(email: OutgoingEmail): Promise<SendReceipt> {
    const providerMessageId = `store-${randomUUID()}`;
    const stored: StoredEmail = { ...email, from: this.fromAddress, storedAt: new Date().toISOString(), providerMessageId };
    await mkdir(this.dir, { recursive: true });
    await Promise.all([
      writeFile(join(this.dir, `${email.messageId}.html`), email.html),
      writeFile(join(this.dir, `${email.messageId}.txt`), `Subject: ${email.subject}\nTo: ${email.to}\n\n${email.text}`),
    ]);
    // Appended last: a line in the log means the whole message is on disk.
    await appendFile(join(this.dir, OUTBOX_LOG), `${JSON.stringify(stored)}\n`);
    return { provider: 'store', providerMessageId };
  }
}

/** Every email the outbox sender stored, in send order (empty if none yet). */
export const readOutbox = async (dir: string): Promise<StoredEmail[]> => {
  let text: string;
  try {
    text = await readFile(join(dir, OUTBOX_LOG), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as StoredEmail);
};
