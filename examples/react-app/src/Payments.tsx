// "Payments made on this page": what the top-up form reported through
// `onKbTopUp`, rendered by React with the client's money formatter.
import { formatMoney, formatPhone, type TopUp } from '@kabinet/client';

const STATUS: Record<TopUp['status'], string> = {
  processing: 'в обработке',
  requires_action: 'ждёт подтверждения банка',
  succeeded: 'прошёл',
  failed: 'не прошёл',
};

export function Payments({ payments }: { payments: readonly TopUp[] }) {
  return (
    <section className="payments" aria-labelledby="payments-title">
      <h2 id="payments-title">Платежи на этой странице</h2>
      {payments.length === 0 ? (
        <p className="muted">Пока ни одного: пополните счёт формой выше.</p>
      ) : (
        <ul aria-live="polite">
          {payments.map((payment) => (
            <li key={payment.id} data-status={payment.status}>
              {formatMoney(payment.amount, 'ru')} на {formatPhone(payment.msisdn)} — {STATUS[payment.status]}{' '}
              <span className="muted">({payment.reference})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
