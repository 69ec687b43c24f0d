/** The inbox: tapping a notification marks it read and opens the screen it is about. */
import { View } from "react-native";
import { graphql } from "../api/client";
import { MobileMarkReadDocument, MobileNotificationsDocument } from "../graphql/operations.generated";
import { format, t } from "../i18n";
import { Body, Button, Notice, Screen, styles } from "../ui/kit";
import { screenFor, useNavigate } from "../ui/navigation";
import { useQuery } from "../ui/use_query";

export function NotificationsScreen() {
  const navigate = useNavigate();
  const { data, error, reload } = useQuery(MobileNotificationsDocument);
  return (
    <Screen title={t("notifications.inbox")}>
      <Button kind="plain" title={t("mobile.refresh")} onPress={reload} />
      {error && <Notice tone="error">{t("app.networkError")}</Notice>}
      {data && !data.notifications.items.length && <Body muted>{t("notifications.empty")}</Body>}
      {data?.notifications.items.map((item) => (
        <View key={item.id} style={styles.card}>
          <Body>{`${item.readAt ? "" : "● "}${item.title}`}</Body>
          <Body muted>{item.body}</Body>
          <Body muted>{format.date(item.createdAt)}</Body>
          <Button
            kind="plain"
            title={t("mobile.notifications.open")}
            label={t("mobile.notifications.openNamed", { title: item.title })}
            onPress={() => {
              if (!item.readAt) void graphql.request(MobileMarkReadDocument, { id: item.id }).catch(() => {});
              navigate(screenFor(item.data, item.type));
            }}
          />
        </View>
      ))}
    </Screen>
  );
}
