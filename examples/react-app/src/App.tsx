// A React app's account page: the Kabinet widgets through @kabinet/react,
// signed in by SMS code, and the payments made here kept in React state from
// the top-up form's `onKbTopUp` prop.
import { useCallback, useState } from 'react';
import type { TopUp } from '@kabinet/client';
import type { KabinetEvent } from '@kabinet/widgets';
import { KbBalanceCard, KbLogin, KbNumberSwitcher, KbProvider, KbTopUpForm } from '@kabinet/react';
import { Payments } from './Payments.js';

/** The sandbox API of test mode (see the README's "Test mode"). */
const API_BASE = 'http://127.0.0.1:8787';

export function App() {
  const [payments, setPayments] = useState<TopUp[]>([]);
  // A payment pending 3-D Secure reports again when it settles: keep its latest state once.
  const onTopUp = useCallback((event: KabinetEvent<'kb-top-up'>) => {
    const { topUp } = event.detail;
    setPayments((list) => [topUp, ...list.filter((payment) => payment.id !== topUp.id)]);
  }, []);

  return (
    <>
      <header className="site-header">
        <span className="logo" aria-hidden="true">◉</span>
        <span className="brand">Оператор · React</span>
      </header>
      <main>
        <h1>Личный кабинет</h1>
        <p className="lead">Вход по номеру телефона и коду из SMS, баланс, номера и пополнение — компоненты @kabinet/react.</p>
        <KbProvider apiBase={API_BASE} locale="ru" theme="light">
          <div className="grid">
            <KbLogin />
            <KbNumberSwitcher />
            <KbBalanceCard />
            <KbTopUpForm onKbTopUp={onTopUp} />
          </div>
        </KbProvider>
        <Payments payments={payments} />
      </main>
      <footer className="site-footer">
        Тестовый режим: код из SMS виден в терминале <code>npm start</code> и в{' '}
        <a href={`${API_BASE}/sandbox/sms?to=%2B79161234567`}>исходящих SMS песочницы</a>.
      </footer>
    </>
  );
}
