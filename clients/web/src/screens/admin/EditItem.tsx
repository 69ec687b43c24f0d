import { type FormEvent, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useProblem } from "../../api/use_problem.ts";
import { Field, FormAlert } from "../../components/Field.tsx";
import {
  type AdminInventoryQuery,
  UpdateInventoryItemDocument,
} from "../../graphql/operations.generated.ts";

type Item = AdminInventoryQuery["inventoryItems"]["items"][number];

/** Edit an item's name, price (minor units), status and low-stock threshold. */
export function EditItem({ item, onDone }: { item: Item; onDone(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(item.name);
  const [price, setPrice] = useState(String(item.priceCents));
  const [status, setStatus] = useState(item.status);
  // The list does not carry the threshold: left empty, it is not sent and stays as it is.
  const [threshold, setThreshold] = useState(
    item.lowStockThreshold == null ? "" : String(item.lowStockThreshold),
  );
  const [saved, setSaved] = useState(false);
  const problem = useProblem(["/name", "/priceCents", "/status", "/lowStockThreshold"]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    problem.clear();
    setSaved(false);
    try {
      await graphql.request(UpdateInventoryItemDocument, {
        sku: item.sku,
        input: {
          name,
          priceCents: Number(price),
          status,
          lowStockThreshold: threshold.trim() === "" ? null : Number(threshold),
        },
      });
      setSaved(true);
      onDone();
    } catch (error) {
      problem.capture(error);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <FormAlert messages={problem.errors.form} />
      <Field label={t("admin.name")} error={problem.field("/name")}>
        {(props) => (
          <input
            {...props}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t("admin.priceCents")} error={problem.field("/priceCents")}>
        {(props) => (
          <input
            {...props}
            type="number"
            min="0"
            value={price}
            onChange={(e) => setPrice(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t("admin.status")} error={problem.field("/status")}>
        {(props) => (
          <select
            {...props}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
          >
            {["in_service", "maintenance", "retired"].map((value) => (
              <option key={value} value={value}>{value}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("admin.threshold")} error={problem.field("/lowStockThreshold")}>
        {(props) => (
          <input
            {...props}
            type="number"
            min="0"
            value={threshold}
            onChange={(e) => setThreshold(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit">{t("admin.save")}</button>
      <p role="status">{saved ? t("admin.saved") : ""}</p>
    </form>
  );
}
