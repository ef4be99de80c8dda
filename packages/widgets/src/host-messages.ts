/**
 * The widgets' wording for host pages: the common words and every problem
 * code explained, so a page's own messages read like the widgets'. Widgets
 * themselves never import this module: each takes only the texts it shows.
 */
import type { Locale } from '@kabinet/client';
import { commonMessages, type CommonMessages, type ExplainedCode } from './shared/messages.js';
import { actionProblems } from './shared/action-messages.js';
import { switcherMessages } from './kb-number-switcher/messages.js';
import { tariffsMessages } from './kb-tariff-picker/messages.js';
import { topUpMessages } from './kb-top-up-form/messages.js';

/** The common words, and an explanation of every problem code in the reader's language. */
export type SharedMessages = Omit<CommonMessages, 'problem'> & { problem: Record<ExplainedCode, string> };

const built = new Map<Locale, SharedMessages>();

/**
 * The shared texts for a locale.
 *
 * @example
 * messages('ru').problem.session_expired; // 'Сеанс завершён…'
 * messages('en').tryAgain; // 'Try again'
 */
export function messages(locale: Locale): SharedMessages {
  let texts = built.get(locale);
  if (!texts) {
    const common = commonMessages(locale);
    const problem: Record<ExplainedCode, string> = {
      ...common.problem,
      ...actionProblems[locale],
      ...switcherMessages[locale].problem,
      ...tariffsMessages[locale].problem,
      ...topUpMessages[locale].problem,
    };
    built.set(locale, (texts = { ...common, problem }));
  }
  return texts;
}
