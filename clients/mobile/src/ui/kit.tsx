/** The few building blocks every screen uses: labelled fields, buttons, notices. */
import type { ReactNode } from "react";
import { Pressable, ScrollView, StyleSheet, Text, TextInput, View } from "react-native";

export const colors = { accent: "#1d4ed8", danger: "#b91c1c", muted: "#4b5563", line: "#e5e7eb" };

/** A scrolling screen with its title as a header. */
export function Screen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <ScrollView contentContainerStyle={styles.screen} keyboardShouldPersistTaps="handled">
      <Text accessibilityRole="header" style={styles.title}>{title}</Text>
      {children}
    </ScrollView>
  );
}

/** A heading inside a screen. */
export function Heading({ children }: { children: ReactNode }) {
  return <Text accessibilityRole="header" style={styles.heading}>{children}</Text>;
}

/** A button with an accessible name (its text unless `label` says more). */
export function Button(
  { title, onPress, label, disabled, kind = "primary" }: {
    title: string;
    onPress: () => void;
    label?: string;
    disabled?: boolean;
    kind?: "primary" | "plain" | "danger";
  },
) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label ?? title}
      accessibilityState={{ disabled: !!disabled }}
      disabled={disabled}
      onPress={onPress}
      style={[styles.button, styles[kind], disabled && styles.disabled]}
    >
      <Text style={kind === "plain" ? styles.plainText : styles.buttonText}>{title}</Text>
    </Pressable>
  );
}

/** A labelled text field. */
export function Field(
  { label, value, onChangeText, secure, numeric, autoComplete }: {
    label: string;
    value: string;
    onChangeText: (text: string) => void;
    secure?: boolean;
    numeric?: boolean;
    autoComplete?: "email" | "password" | "name";
  },
) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        value={value}
        onChangeText={onChangeText}
        secureTextEntry={secure}
        autoCapitalize="none"
        autoComplete={autoComplete}
        keyboardType={numeric ? "decimal-pad" : autoComplete === "email" ? "email-address" : "default"}
        style={styles.input}
      />
    </View>
  );
}

/** A message read out when it appears (errors, results). */
export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "error" }) {
  return (
    <Text accessibilityRole="alert" accessibilityLiveRegion="polite" style={tone === "error" ? styles.error : styles.info}>
      {children}
    </Text>
  );
}

/** Plain body text. */
export function Body({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return <Text style={muted ? styles.muted : styles.body}>{children}</Text>;
}

export const styles = StyleSheet.create({
  screen: { padding: 16, gap: 12 },
  title: { fontSize: 24, fontWeight: "700" },
  heading: { fontSize: 18, fontWeight: "600", marginTop: 8 },
  button: { paddingVertical: 12, paddingHorizontal: 16, borderRadius: 8, alignItems: "center", minHeight: 44 },
  primary: { backgroundColor: colors.accent },
  plain: { backgroundColor: "transparent", borderWidth: 1, borderColor: colors.line },
  danger: { backgroundColor: colors.danger },
  disabled: { opacity: 0.5 },
  buttonText: { color: "#fff", fontWeight: "600" },
  plainText: { color: colors.accent, fontWeight: "600" },
  field: { gap: 4 },
  label: { fontWeight: "600" },
  input: { borderWidth: 1, borderColor: "#9ca3af", borderRadius: 6, padding: 10, fontSize: 16 },
  error: { color: colors.danger },
  info: { color: "#065f46" },
  body: { fontSize: 16 },
  muted: { color: colors.muted },
  row: { flexDirection: "row", alignItems: "center", gap: 8, flexWrap: "wrap" },
  card: { borderWidth: 1, borderColor: colors.line, borderRadius: 8, padding: 12, gap: 6 },
});
