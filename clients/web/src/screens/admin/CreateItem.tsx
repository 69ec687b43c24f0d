import { type FormEvent, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useProblem } from "../../api/use_problem.ts";
import { Field, FormAlert } from "../../components/Field.tsx";
import { CreateInventoryItemDocument } from "../../graphql/operations.generated.ts";

const fields = ["sku", "name", "priceCents", "currency", "lowStockThreshold"] as const;

/** Create an item (no stock yet: adjust to add some). */
export function CreateItem({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>({
    currency: "EUR",
    lowStockThreshold: "5",
  });
  const [type, setType] = useState("product");
  const [created, setCreated] = useState("");
  const problem = useProblem([...fields.map((field) => `/${field}`), "/type"], {
    SKU_TAKEN: "/sku",
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    problem.clear();
    setCreated("");
    try {
      const answer = await graphql.request(CreateInventoryItemDocument, {
        input: {
          sku: values.sku ?? "",
          name: values.name ?? "",
          type,
          priceCents: Number(values.priceCents ?? 0),
          currency: values.currency ?? "EUR",
          lowStockThreshold: Number(values.lowStockThreshold ?? 0),
        },
      });
      setCreated(t("admin.created", { sku: answer.createInventoryItem.sku }));
      setValues({ currency: "EUR", lowStockThreshold: "5" });
      onDone();
    } catch (error) {
      problem.capture(error);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="inline-form card">
      <h3>{t("admin.create")}</h3>
      <FormAlert messages={problem.errors.form} />
      <Field label={t("admin.type")} error={problem.field("/type")}>
        {(props) => (
          <select
            {...props}
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
          >
            <option value="product">{t("admin.type.product")}</option>
            <option value="equipment">{t("admin.type.equipment")}</option>
          </select>
        )}
      </Field>
      {fields.map((field) => (
        <Field key={field} label={t(`admin.field.${field}`)} error={problem.field(`/${field}`)}>
          {(props) => (
            <input
              {...props}
              type={field === "priceCents" || field === "lowStockThreshold" ? "number" : "text"}
              value={values[field] ?? ""}
              onChange={(e) => setValues({ ...values, [field]: e.currentTarget.value })}
            />
          )}
        </Field>
      ))}
      <button type="submit">{t("admin.createButton")}</button>
      <p role="status">{created}</p>
    </form>
  );
}
