/** What <kb-balance-card> says, in English and Russian (the texts all widgets share are in ../shared/messages.ts). */
import type { Catalog, CommonMessages } from '../shared/messages.js';

const en = {
  balance: {
    title: 'Balance',
    primary: 'Main number',
    linked: 'Linked number',
    blocked: 'Blocked',
    blockedUntil: (date: string) => `Blocked until ${date}.`,
    blockedOpenEnded: 'Blocked with no end date.',
    blockedVoluntary: 'Blocked at the owner’s request.',
    blockedOperator: 'Blocked by the operator.',
    lowBalance: 'Top up to use paid services.',
    tariff: 'Tariff',
    packages: 'Package remainders',
    unit: { min: 'min', sms: 'SMS', GB: 'GB', MB: 'MB' },
    remaining: (left: string, total: string, unit: string) => `${left} of ${total} ${unit}`,
    remainingLong: (left: string, total: string, unit: string) => `${left} of ${total} ${unit} left`,
    unlimited: 'Unlimited',
    renews: (date: string) => `renews ${date}`,
    asOf: (time: string) => `as of ${time}`,
    refreshing: 'Refreshing…',
    updated: 'Balance updated.',
    stale: 'Could not update. Showing the last known data.',
    error: 'Could not load the balance.',
    signedOut: 'Sign in to see your balance.',
    sessionExpired: 'Your session has ended. Sign in again to see your balance.',
  },
};

type Own = typeof en;

const ru: Own = {
  balance: {
    title: 'Баланс',
    primary: 'Основной номер',
    linked: 'Привязанный номер',
    blocked: 'Заблокирован',
    blockedUntil: (date) => `Заблокирован до ${date}.`,
    blockedOpenEnded: 'Заблокирован без даты окончания.',
    blockedVoluntary: 'Заблокирован по просьбе владельца.',
    blockedOperator: 'Заблокирован оператором.',
    lowBalance: 'Пополните счёт, чтобы пользоваться платными услугами.',
    tariff: 'Тариф',
    packages: 'Остатки пакетов',
    unit: { min: 'мин', sms: 'SMS', GB: 'ГБ', MB: 'МБ' },
    remaining: (left, total, unit) => `${left} из ${total} ${unit}`,
    remainingLong: (left, total, unit) => `Осталось ${left} из ${total} ${unit}`,
    unlimited: 'Безлимит',
    renews: (date) => `обновится ${date}`,
    asOf: (time) => `на ${time}`,
    refreshing: 'Обновляем…',
    updated: 'Баланс обновлён.',
    stale: 'Не удалось обновить. Показаны последние известные данные.',
    error: 'Не удалось загрузить баланс.',
    signedOut: 'Войдите, чтобы увидеть баланс.',
    sessionExpired: 'Сеанс завершён. Войдите снова, чтобы увидеть баланс.',
  },
};

/** The widget's catalog, by locale. */
export const balanceMessages: Catalog<Own> = { en, ru };

/** Everything <kb-balance-card> says: the shared texts and its own. */
export type Messages = CommonMessages & Own;
