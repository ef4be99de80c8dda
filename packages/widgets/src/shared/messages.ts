/**
 * The texts every widget shares, in Russian and English: the problems any
 * widget can meet (the connection, the session, access, the server)
 * explained, the common words, and the helpers for a widget's own catalog.
 * Each widget keeps its texts beside it, in `kb-x/messages.ts`, with the
 * problems only it meets, and the widgets that change something add the
 * problems of a change from ./action-messages.ts: a page downloads only the
 * texts of the widgets it shows. Numbers, money and dates
 * arrive already formatted (through Intl and the client's formatters); plural
 * forms go through Intl.PluralRules.
 */
import type { Locale, ProblemCode } from '@kabinet/client';
import { pluralRules } from './intl.js';

/** Problem codes the widgets explain: the API's, plus failures of the transport. */
export type ExplainedCode = ProblemCode | 'network_error' | 'timeout' | 'invalid_response' | 'unknown';

/** A catalog of texts in each locale. */
export type Catalog<M> = Readonly<Record<Locale, M>>;

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The form of `forms` for `count` in `locale`, with `#` replaced by the count. */
export function plural(locale: Locale, count: number, forms: Plural): string {
  const rule = pluralRules(locale).select(count);
  return (forms[rule] ?? forms.other).replace('#', String(count));
}

const en = {
  problem: {
    validation_failed: 'Some of the data is not right. Check the highlighted fields.',
    not_found: 'This number is not on your account.',
    method_not_allowed: 'This action is not available.',
    unauthenticated: 'Please sign in first.',
    session_expired: 'Your session has ended after 20 minutes without activity. Please sign in again.',
    forbidden: 'You do not have access to this number.',
    origin_not_allowed: 'This site is not allowed to use the account.',
    rate_limited: 'Too many attempts. Please wait a little.',
    internal_error: 'Something went wrong on our side. Please try again.',
    network_error: 'No connection to the service. Check your internet connection and try again.',
    timeout: 'The service is taking too long to answer. Please try again.',
    invalid_response: 'The service sent an answer we could not read. Please try again.',
    unknown: 'Something went wrong. Please try again.',
    service_unavailable: 'The operator system is temporarily unavailable. Nothing was charged; try again in a few minutes.',
    scope_missing: 'This site has not been given access to this part of your account.',
  } satisfies Partial<Record<ExplainedCode, string>>,
  tryAgain: 'Try again',
  loading: 'Loading…',
  noProvider: 'Place this widget inside <kb-provider>.',
  phoneInvalid: 'Enter a Russian mobile number, for example +7 916 123-45-67.',
  refresh: 'Refresh',
  kind: { voice: 'Minutes', sms: 'SMS', data: 'Internet' },
};

/** The texts every widget shares. `problem` explains the codes any widget can meet. */
export type CommonMessages = typeof en;

const ru: CommonMessages = {
  problem: {
    validation_failed: 'Некоторые данные указаны неверно. Проверьте отмеченные поля.',
    not_found: 'Этого номера нет в вашем кабинете.',
    method_not_allowed: 'Это действие недоступно.',
    unauthenticated: 'Сначала войдите в кабинет.',
    session_expired: 'Сеанс завершён после 20 минут бездействия. Войдите снова.',
    forbidden: 'У вас нет доступа к этому номеру.',
    origin_not_allowed: 'Этому сайту не разрешено работать с кабинетом.',
    rate_limited: 'Слишком много попыток. Подождите немного.',
    internal_error: 'У нас что-то пошло не так. Попробуйте ещё раз.',
    network_error: 'Нет связи с сервисом. Проверьте подключение к интернету и попробуйте ещё раз.',
    timeout: 'Сервис долго не отвечает. Попробуйте ещё раз.',
    invalid_response: 'Сервис прислал ответ, который не удалось прочитать. Попробуйте ещё раз.',
    unknown: 'Что-то пошло не так. Попробуйте ещё раз.',
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

/** The texts every widget shares, for a locale. */
export function commonMessages(locale: Locale): CommonMessages {
  return common[locale];
}

const merged = new WeakMap<Catalog<object>, Partial<Record<Locale, object>>>();

/**
 * The shared texts and a widget's own `catalog` for a locale, merged once;
 * the widget's `problem` explanations join the shared ones.
 */
export function widgetMessages<M extends object>(catalog: Catalog<M>, locale: Locale): CommonMessages & M {
  let byLocale = merged.get(catalog);
  if (!byLocale) merged.set(catalog, (byLocale = {}));
  const own: M & { problem?: object } = catalog[locale];
  return (byLocale[locale] ??= { ...common[locale], ...own, problem: { ...common[locale].problem, ...own.problem } }) as CommonMessages & M;
}
