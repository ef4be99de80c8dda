import { formatPhone } from '@kabinet/client/contract';
import type { StoreTx } from './store/store.js';
import { randomId } from './token.js';

/** Short number the operator's service SMS come from. */
export const SMS_SENDER = '3339';

/**
 * Puts an SMS in the outbox (what `/sandbox/sms` lists). Returns the line to
 * log, which the caller writes once the transaction has committed.
 */
export async function sendSms(tx: StoreTx, message: { to: string; text: string; code: string | null; at: Date }): Promise<string> {
  await tx.insert('sms_outbox', {
    id: randomId('sms'),
    sender: SMS_SENDER,
    recipient: message.to,
    text: message.text,
    code: message.code,
    sentAt: message.at,
  });
  const summary = message.code === null ? message.text.split('\n')[0] : `code ${message.code}`;
  return `SMS ${SMS_SENDER} → ${formatPhone(message.to)}: ${summary}`;
}
