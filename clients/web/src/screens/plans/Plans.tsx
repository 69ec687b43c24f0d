/**
 * `/plans`: the member's own plans (edit, delete) and the public templates (start a workout,
 * copy into a new plan).
 *
 * @module
 */
import { useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { Link } from "../../app/router.tsx";
import { exerciseName } from "../../app/exercise_name.ts";
import { useQuery } from "../../api/use_query.ts";
import { graphql } from "../../api/graphql.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../../components/Feedback.tsx";
import {
  DeleteWorkoutDocument,
  PlansDocument,
  type PlansQuery,
} from "../../graphql/operations.generated.ts";
import { useSession } from "../../api/session.ts";

type Plan = PlansQuery["workouts"]["items"][number];

function PlanCard({ plan, own, onDeleted }: { plan: Plan; own: boolean; onDeleted(): void }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  async function remove() {
    if (!confirm(t("plans.confirmDelete", { name: plan.name }))) return;
    try {
      await graphql.request(DeleteWorkoutDocument, { id: plan.id });
      onDeleted();
    } catch {
      setFailed(true);
    }
  }
  return (
    <li className="card">
      <h3>{plan.name}</h3>
      <p className="meta">{t(`level.${plan.level}`)}</p>
      {plan.description && <p>{plan.description}</p>}
      <p className="meta">
        {plan.exercises.map((exercise) => exerciseName(exercise.exerciseId)).join(", ")}
      </p>
      <div className="actions">
        <Link className="button" to={`/log?plan=${encodeURIComponent(plan.id)}`}>
          {t("plans.start")}
        </Link>
        {own
          ? (
            <>
              <Link className="button secondary" to={`/plans/${encodeURIComponent(plan.id)}/edit`}>
                {t("plans.edit")}
              </Link>
              <button type="button" className="secondary" onClick={remove}>
                {t("plans.delete")}
              </button>
            </>
          )
          : (
            <Link
              className="button secondary"
              to={`/plans/new?from=${encodeURIComponent(plan.id)}`}
            >
              {t("plans.copy")}
            </Link>
          )}
      </div>
      {failed && <p role="alert" className="field-error">{t("plans.deleteFailed")}</p>}
    </li>
  );
}

/** `/plans` */
export function PlansScreen() {
  const { t } = useI18n();
  const session = useSession();
  const plans = useQuery(PlansDocument, { limit: 100 });
  const items = plans.data?.workouts.items ?? [];
  const own = items.filter((plan) => plan.ownerId);
  const templates = items.filter((plan) => !plan.ownerId);
  return (
    <section>
      <ScreenTitle>{t("plans.title")}</ScreenTitle>
      <p>
        <Link className="button" to="/plans/new">{t("plans.new")}</Link>
      </p>
      {plans.loading && <Loading />}
      {plans.error && <ErrorRetry onRetry={plans.retry} />}
      {plans.data && (
        <>
          <section aria-labelledby="own-plans">
            <h2 id="own-plans">{t("plans.own")}</h2>
            {own.length === 0 && <p>{t("plans.noneOwn")}</p>}
            <ul className="cards">
              {own.map((plan) => (
                <PlanCard
                  key={plan.id}
                  plan={plan}
                  own={plan.ownerId === session?.user.id}
                  onDeleted={plans.retry}
                />
              ))}
            </ul>
          </section>
          <section aria-labelledby="templates">
            <h2 id="templates">{t("plans.templates")}</h2>
            <ul className="cards">
              {templates.map((plan) => (
                <PlanCard key={plan.id} plan={plan} own={false} onDeleted={plans.retry} />
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}
