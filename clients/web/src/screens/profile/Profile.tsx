/**
 * `/profile`: display name, units, timezone and goals, saved against the version read (the
 * REST `ETag`): when someone else changed the profile first, say so and offer their version.
 * Closing the account is behind a confirmation.
 *
 * @module
 */
import { type FormEvent, useEffect, useState } from "react";
import type { Units } from "@fitconnect/clients-shared/graphql/schema";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useQuery } from "../../api/use_query.ts";
import { useProblem } from "../../api/use_problem.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../../components/Feedback.tsx";
import { Field, FormAlert } from "../../components/Field.tsx";
import { ProfileDocument, UpdateProfileDocument } from "../../graphql/operations.generated.ts";
import { DeleteAccount } from "./DeleteAccount.tsx";

const pointers = ["/displayName", "/units", "/timezone", "/goals"];

function timezones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? ["UTC"];
}

/** `/profile` */
export function ProfileScreen() {
  const { t } = useI18n();
  const profile = useQuery(ProfileDocument, {});
  const me = profile.data?.me;
  const [displayName, setDisplayName] = useState("");
  const [units, setUnits] = useState<Units>("metric");
  const [timezone, setTimezone] = useState("UTC");
  const [goals, setGoals] = useState("");
  const [version, setVersion] = useState(0);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = useProblem(pointers);
  useEffect(() => {
    if (!me) return;
    setDisplayName(me.displayName);
    setUnits(me.units);
    setTimezone(me.timezone);
    setGoals(me.goals.join("\n"));
    setVersion(me.version);
  }, [me]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setConflict(false);
    problem.clear();
    try {
      const answer = await graphql.request(UpdateProfileDocument, {
        input: {
          displayName,
          units,
          timezone,
          goals: goals.split("\n").map((goal) => goal.trim()).filter(Boolean),
          expectedVersion: version,
        },
      });
      setVersion(answer.updateProfile.version);
      setSaved(true);
    } catch (error) {
      const found = problem.capture(error);
      if (found.status === 412 || found.code === "PRECONDITION_FAILED") {
        problem.clear();
        setConflict(true);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <ScreenTitle>{t("profile.title")}</ScreenTitle>
      {profile.loading && !me && <Loading />}
      {profile.error && !me && <ErrorRetry onRetry={profile.retry} />}
      {me && (
        <form onSubmit={save} noValidate aria-busy={busy} className="narrow">
          {conflict && (
            <div className="error-box" role="alert">
              <p>{t("profile.conflict")}</p>
              <button
                type="button"
                onClick={() => {
                  setConflict(false);
                  profile.retry();
                }}
              >
                {t("profile.reload")}
              </button>
            </div>
          )}
          <FormAlert messages={problem.errors.form} />
          <p className="meta">{me.email}</p>
          <Field label={t("account.displayName")} error={problem.field("/displayName")}>
            {(props) => (
              <input
                {...props}
                value={displayName}
                onChange={(e) => setDisplayName(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t("profile.units")} error={problem.field("/units")}>
            {(props) => (
              <select
                {...props}
                value={units}
                onChange={(e) => setUnits(e.currentTarget.value as Units)}
              >
                <option value="metric">{t("profile.metric")}</option>
                <option value="imperial">{t("profile.imperial")}</option>
              </select>
            )}
          </Field>
          <Field label={t("profile.timezone")} error={problem.field("/timezone")}>
            {(props) => (
              <select
                {...props}
                value={timezone}
                onChange={(e) => setTimezone(e.currentTarget.value)}
              >
                {[...new Set([timezone, ...timezones()])].map((zone) => (
                  <option key={zone} value={zone}>{zone}</option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t("profile.goals")}
            hint={t("profile.goalsHint")}
            error={problem.field("/goals")}
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={goals}
                onChange={(e) => setGoals(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {busy ? t("account.working") : t("profile.save")}
          </button>
          <p role="status">{saved ? t("profile.saved") : ""}</p>
        </form>
      )}
      {me && <DeleteAccount />}
    </section>
  );
}
