/** Today: the next workout of the member's plan, or a quick start. */
import { useState } from "react";
import { View } from "react-native";
import { MobileTodayDocument } from "../graphql/operations.generated";
import { t } from "../i18n";
import { workoutLog } from "../offline/app_log";
import { Body, Button, Heading, Notice, Screen, styles } from "../ui/kit";
import { useNavigate } from "../ui/navigation";
import { useQuery } from "../ui/use_query";
import { SyncBanner } from "./SyncBanner";
import { nextPlan } from "./today_plan";

export function TodayScreen() {
  const navigate = useNavigate();
  const { data, error, reload } = useQuery(MobileTodayDocument);
  const [starting, setStarting] = useState(false);
  const names = new Map(data?.exercises.items.map((exercise) => [exercise.id, exercise.name]));
  const plan = data && nextPlan(data);

  async function start(head: { workoutId?: string; name: string; exercises: { id: string; name: string }[] }) {
    setStarting(true);
    const log = await workoutLog();
    await log.start(head);
    setStarting(false);
    navigate("log");
  }

  return (
    <Screen title={t("mobile.today.title")}>
      <SyncBanner />
      {error && (
        <>
          <Notice tone="error">{t("app.networkError")}</Notice>
          <Button kind="plain" title={t("app.retry")} onPress={reload} />
        </>
      )}
      {!data && !error && <Body muted>{t("app.loading")}</Body>}
      {plan && (
        <View style={styles.card}>
          <Heading>{t("mobile.today.next", { name: plan.name })}</Heading>
          {plan.exercises.map((exercise) => (
            <Body key={exercise.exerciseId}>
              {t("mobile.today.planLine", {
                name: names.get(exercise.exerciseId) ?? exercise.exerciseId,
                sets: exercise.sets,
                reps: exercise.reps,
              })}
            </Body>
          ))}
          <Button
            title={t("mobile.today.start", { name: plan.name })}
            disabled={starting}
            onPress={() =>
              void start({
                workoutId: plan.id,
                name: plan.name,
                exercises: plan.exercises.map((exercise) => ({
                  id: exercise.exerciseId,
                  name: names.get(exercise.exerciseId) ?? exercise.exerciseId,
                })),
              })}
          />
        </View>
      )}
      {data && !plan && <Body muted>{t("mobile.today.noPlan")}</Body>}
      {data && (
        <Button
          kind={plan ? "plain" : "primary"}
          title={t("mobile.today.quickStart")}
          disabled={starting}
          onPress={() => void start({ name: t("mobile.today.quickName"), exercises: data.exercises.items })}
        />
      )}
    </Screen>
  );
}
