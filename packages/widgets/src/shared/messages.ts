/**
 * The texts every widget shares, in Russian and English: problem codes
 * explained, the common words, and the helpers for a widget's own catalog
 * (each widget keeps its texts beside it, in `kb-x/messages.ts`, so a page
 * downloads only the texts of the widgets it shows). Numbers, money and dates
 * arrive already formatted (through Intl and the client's formatters); plural
 * forms go through Intl.PluralRules.
 */
import type { Locale, ProblemCode } from '@kabinet/client';

/** Problem codes the widgets explain: the API's, plus failures of the transport. */
export type ExplainedCode = ProblemCode | 'network_error' | 'timeout' | 'invalid_response' | 'unknown';

/** A catalog of texts in each locale. */
export type Catalog<M> = Readonly<Record<Locale, M>>;

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The form of `forms` for `count` in `locale`, with `#` replaced by the count. */
export function plural(locale: Locale, count: number, forms: Plural): string {
  const rule = new Intl.PluralRules(locale).select(count);
  return (forms[rule] ?? forms.other).replace('#', String(count));
}

const en = {
  problem: {
    validation_failed: 'Some of the data is not right. Check the highlighted fields.',
    malformed_json: 'The request could not be read. Please try again.',
    unsupported_media_type: 'The request could not be read. Please try again.',
    payload_too_large: 'The request is too large.',
    not_found: 'This number is not on your account.',
    method_not_allowed: 'This action is not available.',
    unauthenticated: 'Please sign in first.',
    session_expired: 'Your session has ended after 20 minutes without activity. Please sign in again.',
    forbidden: 'You do not have access to this number.',
    origin_not_allowed: 'This site is not allowed to use the account.',
    otp_invalid: 'Wrong code.',
    otp_expired: 'The code has expired. Get a new code.',
    otp_locked: 'Too many wrong codes. Sign-in is blocked until you get a new code.',
    rate_limited: 'Too many attempts. Please wait a little.',
    captcha_required: 'Please confirm you are not a robot.',
    captcha_invalid: 'The security check did not pass. Please try again.',
    insufficient_funds: 'Not enough money on the balance. Top up to continue.',
    number_blocked: 'This number is blocked.',
    idempotency_key_required: 'The request could not be completed. Please try again.',
    idempotency_key_reused: 'This operation was already made with other details.',
    idempotency_key_in_flight: 'This operation is still being processed. Please wait.',
    internal_error: 'Something went wrong on our side. Please try again.',
    network_error: 'No connection to the service. Check your internet connection and try again.',
    timeout: 'The service is taking too long to answer. Please try again.',
    invalid_response: 'The service sent an answer we could not read. Please try again.',
    unknown: 'Something went wrong. Please try again.',
    tariff_unavailable: 'This tariff is not open to your number: it is archived or sold in another region.',
    tariff_already_active: 'Your number is already on this tariff.',
    already_linked: 'This number is already in your account.',
    owner_mismatch: 'This number belongs to another person: only numbers with the same owner can be linked.',
    region_mismatch: 'This number is served in another region: only numbers of the same region can be linked.',
    number_management_required: 'Switch on the free “Number management” service on both numbers (dial *111*828*1#).',
    tariff_not_linkable: 'Numbers on this tariff cannot be linked.',
    password_invalid: 'Wrong password for this number.',
    primary_number: 'The main number of the account cannot be removed.',
    not_a_subscriber: 'This number is not served by this operator. Check the number.',
    payments_barred: 'Payments to this number are barred. Contact the operator.',
    service_unavailable: 'The operator system is temporarily unavailable. Nothing was charged; try again in a few minutes.',
    scope_missing: 'This site has not been given access to this part of your account.',
  } satisfies Record<ExplainedCode, string>,
  tryAgain: 'Try again',
  loading: 'Loading…',
  noProvider: 'Place this widget inside <kb-provider>.',
  phoneInvalid: 'Enter a Russian mobile number, for example +7 916 123-45-67.',
  refresh: 'Refresh',
  kind: { voice: 'Minutes', sms: 'SMS', data: 'Internet' },
};

/** The texts every widget shares. */
export type CommonMessages = typeof en;

const ru: CommonMessages = {
  problem: {
    validation_failed: 'Некоторые данные указаны неверно. Проверьте отмеченные поля.',
    malformed_json: 'Не удалось прочитать запрос. Попробуйте ещё раз.',
    unsupported_media_type: 'Не удалось прочитать запрос. Попробуйте ещё раз.',
    payload_too_large: 'Слишком большой запрос.',
    not_found: 'Этого номера нет в вашем кабинете.',
    method_not_allowed: 'Это действие недоступно.',
    unauthenticated: 'Сначала войдите в кабинет.',
    session_expired: 'Сеанс завершён после 20 минут бездействия. Войдите снова.',
    forbidden: 'У вас нет доступа к этому номеру.',
    origin_not_allowed: 'Этому сайту не разрешено работать с кабинетом.',
    otp_invalid: 'Неверный код.',
    otp_expired: 'Срок действия кода истёк. Получите новый код.',
    otp_locked: 'Слишком много неверных кодов. Вход заблокирован до получения нового кода.',
    rate_limited: 'Слишком много попыток. Подождите немного.',
    captcha_required: 'Подтвердите, что вы не робот.',
    captcha_invalid: 'Проверка не пройдена. Попробуйте ещё раз.',
    insufficient_funds: 'Недостаточно средств на балансе. Пополните счёт, чтобы продолжить.',
    number_blocked: 'Номер заблокирован.',
    idempotency_key_required: 'Не удалось выполнить запрос. Попробуйте ещё раз.',
    idempotency_key_reused: 'Эта операция уже выполнялась с другими данными.',
    idempotency_key_in_flight: 'Операция ещё выполняется. Подождите.',
    internal_error: 'У нас что-то пошло не так. Попробуйте ещё раз.',
    network_error: 'Нет связи с сервисом. Проверьте подключение к интернету и попробуйте ещё раз.',
    timeout: 'Сервис долго не отвечает. Попробуйте ещё раз.',
    invalid_response: 'Сервис прислал ответ, который не удалось прочитать. Попробуйте ещё раз.',
    unknown: 'Что-то пошло не так. Попробуйте ещё раз.',
    tariff_unavailable: 'Этот тариф недоступен для вашего номера: он в архиве или продаётся в другом регионе.',
    tariff_already_active: 'Ваш номер уже на этом тарифе.',
    already_linked: 'Этот номер уже есть в вашем кабинете.',
    owner_mismatch: 'Номер оформлен на другого человека: привязать можно только номера одного владельца.',
    region_mismatch: 'Номер обслуживается в другом регионе: привязать можно только номера одного региона.',
    number_management_required: 'Подключите бесплатную услугу «Управление номерами» на обоих номерах (*111*828*1#).',
    tariff_not_linkable: 'Номера на этом тарифе нельзя привязать.',
    password_invalid: 'Неверный пароль от этого номера.',
    primary_number: 'Основной номер кабинета нельзя удалить.',
    not_a_subscriber: 'Этот номер обслуживает другой оператор. Проверьте номер.',
    payments_barred: 'Платежи на этот номер запрещены. Обратитесь к оператору.',
    service_unavailable: 'Система оператора временно недоступна. Деньги не списаны; попробуйте через несколько минут.',
    scope_missing: 'Этому сайту не открыт доступ к этому разделу кабинета.',
  },
  tryAgain: 'Попробовать снова',
  loading: 'Загрузка…',
  noProvider: 'Поместите виджет внутрь <kb-provider>.',
  phoneInvalid: 'Введите российский мобильный номер, например +7 916 123-45-67.',
  refresh: 'Обновить',
  kind: { voice: 'Минуты', sms: 'SMS', data: 'Интернет' },
};

const common: Catalog<CommonMessages> = { en, ru };

/** The shared texts for a locale. */
export function messages(locale: Locale): CommonMessages {
  return common[locale];
}

const merged = new WeakMap<Catalog<object>, Partial<Record<Locale, object>>>();

/** The shared texts and a widget's own `catalog` for a locale, merged once. */
export function widgetMessages<M extends object>(catalog: Catalog<M>, locale: Locale): CommonMessages & M {
  let byLocale = merged.get(catalog);
  if (!byLocale) merged.set(catalog, (byLocale = {}));
  return (byLocale[locale] ??= { ...common[locale], ...catalog[locale] }) as CommonMessages & M;
}
