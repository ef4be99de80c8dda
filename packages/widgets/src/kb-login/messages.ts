/** What <kb-login> says, in English and Russian (the texts all widgets share are in ../shared/messages.ts). */
import { actionProblems } from '../shared/action-messages.js';
import { plural, type Catalog, type CommonMessages } from '../shared/messages.js';

const en = {
  problem: actionProblems.en,
  login: {
    title: 'Sign in',
    phoneLabel: 'Phone number',
    phoneHint: 'Any format, for example 8 916 123-45-67',
    getCode: 'Get code',
    sending: 'Sending the code…',
    codeLabel: 'Code from SMS',
    codeInvalid: (length: number) => `Enter the ${length}-digit code from the SMS.`,
    signIn: 'Sign in',
    checking: 'Checking the code…',
    sentTo: (phone: string, sender: string) => `We sent a code to ${phone} from ${sender}.`,
    resendIn: (time: string) => `You can get a new code in ${time}.`,
    resend: 'Send the code again',
    changeNumber: 'Change number',
    attemptsLeft: (count: number) =>
      `Wrong code. ${plural('en', count, { one: '# attempt left', other: '# attempts left' })}.`,
    locked: 'Three wrong codes in a row: sign-in with this code is blocked. Get a new code to try again.',
    getNewCode: 'Get a new code',
    rateLimited: (time: string) => `Too many requests for a code. Try again in ${time}.`,
    captchaChecking: 'Checking that you are not a robot…',
    captchaUnavailable:
      'The service asks for a security check that this page cannot show. Try again later or sign in on the operator’s site.',
    captchaCancelled: 'The security check was not completed. Press “Get code” to try again.',
    signedInNumber: 'Signed in',
    signOut: 'Sign out',
    signedIn: 'You are signed in.',
    signedOut: 'You have signed out.',
    sessionExpired: 'Your session has ended after 20 minutes without activity. Please sign in again.',
  },
};

type Own = typeof en;

const ru: Own = {
  problem: actionProblems.ru,
  login: {
    title: 'Вход',
    phoneLabel: 'Номер телефона',
    phoneHint: 'В любом формате, например 8 916 123-45-67',
    getCode: 'Получить код',
    sending: 'Отправляем код…',
    codeLabel: 'Код из SMS',
    codeInvalid: (length) => `Введите ${plural('ru', length, { one: '#-значный', other: '#-значный' })} код из SMS.`,
    signIn: 'Войти',
    checking: 'Проверяем код…',
    sentTo: (phone, sender) => `Код отправлен на ${phone} с номера ${sender}.`,
    resendIn: (time) => `Новый код можно получить через ${time}.`,
    resend: 'Отправить код ещё раз',
    changeNumber: 'Изменить номер',
    attemptsLeft: (count) =>
      `Неверный код. ${plural('ru', count, {
        one: 'Осталась # попытка',
        few: 'Осталось # попытки',
        many: 'Осталось # попыток',
        other: 'Осталось # попытки',
      })}.`,
    locked: 'Три неверных кода подряд: вход с этим кодом заблокирован. Получите новый код, чтобы попробовать снова.',
    getNewCode: 'Получить новый код',
    rateLimited: (time) => `Слишком много запросов кода. Попробуйте через ${time}.`,
    captchaChecking: 'Проверяем, что вы не робот…',
    captchaUnavailable:
      'Сервис просит пройти проверку, которую эта страница не может показать. Попробуйте позже или войдите на сайте оператора.',
    captchaCancelled: 'Проверка не завершена. Нажмите «Получить код», чтобы попробовать снова.',
    signedInNumber: 'Вы вошли',
    signOut: 'Выйти',
    signedIn: 'Вы вошли в кабинет.',
    signedOut: 'Вы вышли из кабинета.',
    sessionExpired: 'Сеанс завершён после 20 минут бездействия. Войдите снова.',
  },
};

/** The widget's catalog, by locale. */
export const loginMessages: Catalog<Own> = { en, ru };

/** Everything <kb-login> says: the shared texts and its own. */
export type Messages = CommonMessages & Own;
