import { useI18n } from "../../app/i18n.tsx";
import { useQuery } from "../../api/use_query.ts";
import { ErrorRetry, Loading } from "../../components/Feedback.tsx";
import { PaymentHistoryDocument } from "../../graphql/operations.generated.ts";

/** The member's payments, newest first. */
export function PaymentHistory() {
  const { t, money, dateTime } = useI18n();
  const history = useQuery(PaymentHistoryDocument, { limit: 20 });
  const items = history.data?.payments.items ?? [];
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("shop.history")}</h2>
      {history.loading && !history.data && <Loading />}
      {history.error && <ErrorRetry onRetry={history.retry} />}
      {history.data && items.length === 0 && <p>{t("shop.noPayments")}</p>}
      <table className="data">
        <caption className="visually-hidden">{t("shop.history")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("shop.date")}</th>
            <th scope="col">{t("shop.amount")}</th>
            <th scope="col">{t("shop.status")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((payment) => (
            <tr key={payment.id}>
              <td>{dateTime(payment.createdAt)}</td>
              <td>{money(payment.amountCents, payment.currency)}</td>
              <td>{payment.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
