import { type FormEvent, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useProblem } from "../../api/use_problem.ts";
import { Field, FormAlert } from "../../components/Field.tsx";
import { RefundPaymentDocument } from "../../graphql/operations.generated.ts";

/** Refund a payment by its id (from the member's receipt or the payment notification). */
export function Refunds() {
  const { t, money } = useI18n();
  const [id, setId] = useState("");
  const [result, setResult] = useState("");
  const problem = useProblem(["/id"], { PAYMENT_NOT_FOUND: "/id", NOT_FOUND: "/id" });
  async function submit(event: FormEvent) {
    event.preventDefault();
    problem.clear();
    setResult("");
    if (!confirm(t("admin.confirmRefund", { id }))) return;
    try {
      const answer = await graphql.request(RefundPaymentDocument, { id: id.trim() });
      const payment = answer.refundPayment;
      setResult(t("admin.refunded", { amount: money(payment.amountCents, payment.currency) }));
    } catch (error) {
      problem.capture(error);
    }
  }
  return (
    <section aria-labelledby="refunds-title">
      <h2 id="refunds-title">{t("admin.refunds")}</h2>
      <form onSubmit={submit} noValidate className="inline-form">
        <FormAlert messages={problem.errors.form} />
        <Field label={t("admin.paymentId")} error={problem.field("/id")}>
          {(props) => (
            <input
              {...props}
              value={id}
              onChange={(e) => setId(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={!id.trim()}>{t("admin.refund")}</button>
        <p role="status">{result}</p>
      </form>
    </section>
  );
}
