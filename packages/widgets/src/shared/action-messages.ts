/**
 * Problems only a change can meet: a form's content, a confirmation code,
 * the captcha, a repeated payment, the balance. The widgets that change
 * something (sign-in, numbers, tariffs, top-up) list these in their own
 * catalogs; the balance card, which only reads, never downloads them. The
 * problems any widget can meet are in ./messages.ts, each widget's own in
 * its `kb-x/messages.ts`.
 */
import type { Catalog, ExplainedCode } from './messages.js';

const en = {
  malformed_json: 'The request could not be read. Please try again.',
  unsupported_media_type: 'The request could not be read. Please try again.',
  payload_too_large: 'The request is too large.',
  otp_invalid: 'Wrong code.',
  otp_expired: 'The code has expired. Get a new code.',
  otp_locked: 'Too many wrong codes. Sign-in is blocked until you get a new code.',
  captcha_required: 'Please confirm you are not a robot.',
  captcha_invalid: 'The security check did not pass. Please try again.',
  insufficient_funds: 'Not enough money on the balance. Top up to continue.',
  number_blocked: 'This number is blocked.',
  idempotency_key_required: 'The request could not be completed. Please try again.',
  idempotency_key_reused: 'This operation was already made with other details.',
  idempotency_key_in_flight: 'This operation is still being processed. Please wait.',
  not_a_subscriber: 'This number is not served by this operator. Check the number.',
} satisfies Partial<Record<ExplainedCode, string>>;

/** Explanations of the problems a change can meet. */
export type ActionProblems = typeof en;

const ru: ActionProblems = {
  malformed_json: 'Не удалось прочитать запрос. Попробуйте ещё раз.',
  unsupported_media_type: 'Не удалось прочитать запрос. Попробуйте ещё раз.',
  payload_too_large: 'Слишком большой запрос.',
  otp_invalid: 'Неверный код.',
  otp_expired: 'Срок действия кода истёк. Получите новый код.',
  otp_locked: 'Слишком много неверных кодов. Вход заблокирован до получения нового кода.',
  captcha_required: 'Подтвердите, что вы не робот.',
  captcha_invalid: 'Проверка не пройдена. Попробуйте ещё раз.',
  insufficient_funds: 'Недостаточно средств на балансе. Пополните счёт, чтобы продолжить.',
  number_blocked: 'Номер заблокирован.',
  idempotency_key_required: 'Не удалось выполнить запрос. Попробуйте ещё раз.',
  idempotency_key_reused: 'Эта операция уже выполнялась с другими данными.',
  idempotency_key_in_flight: 'Операция ещё выполняется. Подождите.',
  not_a_subscriber: 'Этот номер обслуживает другой оператор. Проверьте номер.',
};

/** {@link ActionProblems}, by locale. */
export const actionProblems: Catalog<ActionProblems> = { en, ru };
