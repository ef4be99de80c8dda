// An operator's own page: imports the widgets as ES modules and lets the
// visitor switch the language of every widget at once.
import '@kabinet/widgets';

const provider = document.querySelector('kb-provider');
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-locale]')) {
  button.addEventListener('click', () => {
    const locale = button.dataset.locale ?? 'ru';
    document.documentElement.lang = locale;
    provider?.setAttribute('locale', locale);
    for (const other of document.querySelectorAll('button[data-locale]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
  });
}
