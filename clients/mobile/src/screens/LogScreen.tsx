/** Logging a workout: each set is stored on the device the moment it is entered. */
import { useCallback, useEffect, useState } from "react";
import { View } from "react-native";
import { format, t } from "../i18n";
import { onSessionSaved, workoutLog } from "../offline/app_log";
import type { Draft } from "../offline/types";
import { Body, Button, Field, Heading, Notice, Screen, styles } from "../ui/kit";
import { useNavigate } from "../ui/navigation";
import { kilogramsOf, useUnits } from "../ui/units";
import { SyncBanner } from "./SyncBanner";

export function LogScreen() {
  const units = useUnits();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft | null>();
  const [exerciseId, setExerciseId] = useState<string>();
  const [reps, setReps] = useState("");
  const [weight, setWeight] = useState("");
  const [message, setMessage] = useState<{ text: string; tone: "info" | "error" }>();

  const load = useCallback(async () => {
    const current = await (await workoutLog()).draft();
    setDraft(current ?? null);
    setExerciseId((id) => id ?? current?.exercises[0]?.id);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() =>
    onSessionSaved((session) => {
      const records = session.personalRecords.length;
      setMessage({
        tone: "info",
        text: `${t("log.saved", { volume: format.weight(session.volumeKg, units) })}${records ? ` ${t("log.newRecords", { count: records })}` : ""}`,
      });
    }), [units]);

  async function logSet() {
    const exercise = draft?.exercises.find((candidate) => candidate.id === exerciseId);
    const count = Number(reps);
    const kg = kilogramsOf(weight || "0", units);
    if (!exercise || !Number.isInteger(count) || count < 1 || kg === undefined) {
      setMessage({ tone: "error", text: t("mobile.log.invalidSet") });
      return;
    }
    await (await workoutLog()).addSet({ exerciseId: exercise.id, exerciseName: exercise.name, reps: count, weightKg: kg });
    setReps("");
    setMessage(undefined);
    await load();
  }

  async function finish() {
    const log = await workoutLog();
    await log.finish();
    setMessage({ tone: "info", text: log.outbox.status().online ? t("mobile.log.finished") : t("log.queued") });
    await load();
  }

  if (draft === undefined) return <Screen title={t("log.title")}><Body muted>{t("app.loading")}</Body></Screen>;
  return (
    <Screen title={draft ? draft.name : t("log.title")}>
      <SyncBanner />
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {!draft && (
        <>
          <Body muted>{t("mobile.log.none")}</Body>
          <Button title={t("log.start")} onPress={() => navigate("today")} />
        </>
      )}
      {draft && (
        <>
          <Heading>{t("mobile.log.exercise")}</Heading>
          <View style={styles.row} accessibilityRole="radiogroup">
            {draft.exercises.slice(0, 30).map((exercise) => (
              <Button
                key={exercise.id}
                kind={exercise.id === exerciseId ? "primary" : "plain"}
                title={exercise.name}
                onPress={() => setExerciseId(exercise.id)}
              />
            ))}
          </View>
          <Field label={t("mobile.log.reps")} value={reps} onChangeText={setReps} numeric />
          <Field label={t(units === "imperial" ? "mobile.log.weightLb" : "mobile.log.weightKg")} value={weight} onChangeText={setWeight} numeric />
          <Button title={t("mobile.log.logSet")} onPress={() => void logSet()} />
          <Heading>{t("mobile.log.sets", { count: draft.sets.length })}</Heading>
          {draft.sets.map((set, index) => (
            <View key={set.id} style={styles.row}>
              <Body>
                {t("mobile.log.setLine", { n: String(index + 1), name: set.exerciseName, reps: set.reps, weight: format.weight(set.weightKg, units) })}
              </Body>
              <Button
                kind="plain"
                title={t("plans.remove")}
                label={t("log.removeSet", { set: String(index + 1), name: set.exerciseName })}
                onPress={() => void (async () => {
                  await (await workoutLog()).removeSet(set.id);
                  await load();
                })()}
              />
            </View>
          ))}
          <Button title={t("mobile.log.finish")} disabled={!draft.sets.length} onPress={() => void finish()} />
        </>
      )}
    </Screen>
  );
}
