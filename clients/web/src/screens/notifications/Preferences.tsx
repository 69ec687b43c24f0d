/**
 * Notification preferences: channels and quiet hours.
 *
 * @module
 */
import { type FormEvent, useEffect, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useQuery } from "../../api/use_query.ts";
import { useProblem } from "../../api/use_problem.ts";
import { Field, FormAlert } from "../../components/Field.tsx";
import { ErrorRetry, Loading } from "../../components/Feedback.tsx";
import {
  NotificationPreferencesDocument,
  type NotificationPreferencesQuery,
  UpdateNotificationPreferencesDocument,
} from "../../graphql/operations.generated.ts";

type Preferences = NotificationPreferencesQuery["notificationPreferences"];
const channels = ["inApp", "email", "push"] as const;

/** The preferences form. */
export function Preferences() {
  const { t } = useI18n();
  const current = useQuery(NotificationPreferencesDocument, {});
  const [draft, setDraft] = useState<Preferences | null>(null);
  const [quiet, setQuiet] = useState(false);
  const [saved, setSaved] = useState(false);
  const problem = useProblem([
    "/inApp",
    "/email",
    "/push",
    "/quietHours/start",
    "/quietHours/end",
    "/quietHours",
  ]);
  useEffect(() => {
    const value = current.data?.notificationPreferences;
    if (!value) return;
    setDraft(value);
    setQuiet(value.quietHours !== null);
  }, [current.data]);
  if (current.error && !draft) return <ErrorRetry onRetry={current.retry} />;
  if (!draft) return <Loading />;
  const hours = draft.quietHours ?? { start: "22:00", end: "07:00" };
  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    problem.clear();
    setSaved(false);
    try {
      const answer = await graphql.request(UpdateNotificationPreferencesDocument, {
        input: {
          inApp: draft.inApp,
          email: draft.email,
          push: draft.push,
          quietHours: quiet ? { start: hours.start, end: hours.end } : null,
        },
      });
      setDraft(answer.updateNotificationPreferences);
      setSaved(true);
    } catch (error) {
      problem.capture(error);
    }
  }
  return (
    <section aria-labelledby="preferences">
      <h2 id="preferences">{t("notifications.preferences")}</h2>
      <form onSubmit={save} noValidate>
        <FormAlert messages={problem.errors.form} />
        <fieldset>
          <legend>{t("notifications.channels")}</legend>
          {channels.map((channel) => (
            <label className="checkbox" key={channel}>
              <input
                type="checkbox"
                checked={draft[channel]}
                onChange={(event) => setDraft({ ...draft, [channel]: event.currentTarget.checked })}
              />
              {t(`notifications.channel.${channel}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("notifications.quietHours")}</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={quiet}
              onChange={(e) => setQuiet(e.currentTarget.checked)}
            />
            {t("notifications.quietOn")}
          </label>
          {quiet && (
            <div className="row-fields">
              <Field
                label={t("notifications.quietStart")}
                error={problem.field("/quietHours/start") ?? problem.field("/quietHours")}
              >
                {(props) => (
                  <input
                    {...props}
                    type="time"
                    value={hours.start}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        quietHours: { ...hours, start: e.currentTarget.value },
                      })}
                  />
                )}
              </Field>
              <Field label={t("notifications.quietEnd")} error={problem.field("/quietHours/end")}>
                {(props) => (
                  <input
                    {...props}
                    type="time"
                    value={hours.end}
                    onChange={(e) =>
                      setDraft({ ...draft, quietHours: { ...hours, end: e.currentTarget.value } })}
                  />
                )}
              </Field>
            </div>
          )}
        </fieldset>
        <button type="submit">{t("notifications.save")}</button>
        <p role="status">{saved ? t("notifications.saved") : ""}</p>
      </form>
    </section>
  );
}
