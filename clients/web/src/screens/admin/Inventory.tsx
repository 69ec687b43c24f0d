/**
 * Admin inventory: the list with stock, create an item, edit price/status/threshold, and
 * adjust stock with a reason. Errors sit next to the field their pointer names.
 *
 * @module
 */
import { type FormEvent, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useQuery } from "../../api/use_query.ts";
import { useProblem } from "../../api/use_problem.ts";
import { ErrorRetry, Loading } from "../../components/Feedback.tsx";
import { Field, FormAlert } from "../../components/Field.tsx";
import {
  AdjustStockDocument,
  AdminInventoryDocument,
  type AdminInventoryQuery,
} from "../../graphql/operations.generated.ts";
import { CreateItem } from "./CreateItem.tsx";
import { EditItem } from "./EditItem.tsx";

type Item = AdminInventoryQuery["inventoryItems"]["items"][number];

function Adjust({ item, onDone }: { item: Item; onDone(): void }) {
  const { t } = useI18n();
  const [delta, setDelta] = useState("");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState("");
  const problem = useProblem(["/delta", "/reason"]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    problem.clear();
    try {
      const answer = await graphql.request(AdjustStockDocument, {
        input: { sku: item.sku, delta: Number(delta), reason },
      });
      setDone(t("admin.adjusted", { available: answer.adjustStock.available }));
      setDelta("");
      setReason("");
      onDone();
    } catch (error) {
      problem.capture(error);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <FormAlert messages={problem.errors.form} />
      <Field label={t("admin.delta")} error={problem.field("/delta")}>
        {(props) => (
          <input
            {...props}
            type="number"
            step="1"
            value={delta}
            onChange={(e) => setDelta(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t("admin.reason")} error={problem.field("/reason")}>
        {(props) => (
          <input
            {...props}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit">{t("admin.adjust")}</button>
      <p role="status">{done}</p>
    </form>
  );
}

/** The inventory section. */
export function Inventory() {
  const { t, money, number } = useI18n();
  const [type, setType] = useState("product");
  const list = useQuery(AdminInventoryDocument, { type, limit: 100 });
  const [open, setOpen] = useState<string | null>(null);
  const items = list.data?.inventoryItems.items ?? [];
  return (
    <section aria-labelledby="inventory-title">
      <h2 id="inventory-title">{t("admin.inventory")}</h2>
      <div className="field">
        <label htmlFor="inventory-type">{t("admin.type")}</label>
        <select id="inventory-type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="product">{t("admin.type.product")}</option>
          <option value="equipment">{t("admin.type.equipment")}</option>
        </select>
      </div>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorRetry onRetry={list.retry} />}
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">{t("admin.inventory")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.sku")}</th>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.price")}</th>
              <th scope="col">{t("admin.available")}</th>
              <th scope="col">{t("admin.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("log.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.sku}>
                <td>{item.sku}</td>
                <td>{item.name}</td>
                <td>{money(item.priceCents, item.currency)}</td>
                <td>{number(item.available)}</td>
                <td>{item.status}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-expanded={open === item.sku}
                    onClick={() => setOpen(open === item.sku ? null : item.sku)}
                    aria-label={t("admin.manageNamed", { name: item.name })}
                  >
                    {t("admin.manage")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.filter((item) => item.sku === open).map((item) => (
        <section key={item.sku} className="card" aria-label={item.name}>
          <h3>{item.name}</h3>
          <EditItem item={item} onDone={list.retry} />
          <Adjust item={item} onDone={list.retry} />
        </section>
      ))}
      <CreateItem onDone={list.retry} />
    </section>
  );
}
