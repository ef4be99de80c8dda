import type { AppContext } from './app-env.js';

/** Languages the API answers in: Russian (the operator's, and the default) and English. */
export type ApiLocale = 'ru' | 'en';

/**
 * The language to answer in, from `Accept-Language` (the client sends its
 * locale there): the first of ru or en by preference, else Russian.
 */
export function requestLocale(c: AppContext): ApiLocale {
  const header = c.req.header('accept-language') ?? '';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean) ?? 1);
      return { language: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && (entry.language === 'ru' || entry.language === 'en'))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language === 'en' ? 'en' : 'ru';
}

/** Marks a response whose texts depend on `Accept-Language`, so caches keep one per language. */
export function markLanguage(c: AppContext, locale: ApiLocale): void {
  c.header('Content-Language', locale);
  c.header('Vary', 'Accept-Language', { append: true });
}
