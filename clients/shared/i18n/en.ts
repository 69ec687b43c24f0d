/**
 * English messages: the source catalog. Every other language must have every key (./ru.ts is
 * typed against this one). `{name}` is replaced by a parameter; a plural message has one text
 * per `Intl.PluralRules` category.
 *
 * The accessible names that tests rely on are here: keep "nav.*" and "account.*" as they are.
 *
 * @module
 */
import type { Catalog } from "./types.ts";

/** The English catalog. */
export const en = {
  "app.name": "FitConnect",
  "app.skipToContent": "Skip to content",
  "app.loading": "Loading…",
  "app.retry": "Retry",
  "app.networkError": "We could not reach FitConnect. Check your connection and retry.",
  "app.notFound": "This page does not exist.",
  "app.signInRequired": "Log in to see this page.",

  "nav.label": "Main",
  "nav.dashboard": "Dashboard",
  "nav.exercises": "Exercises",
  "nav.plans": "Plans",
  "nav.logWorkout": "Log workout",
  "nav.progress": "Progress",
  "nav.notifications": "Notifications",
  "nav.shop": "Shop",
  "nav.profile": "Profile",
  "nav.admin": "Admin",

  "language.label": "Language",
  "language.en": "English",
  "language.ru": "Русский",

  "account.email": "Email",
  "account.password": "Password",
  "account.displayName": "Display name",
  "account.createAccount": "Create account",
  "account.logIn": "Log in",
  "account.logOut": "Log out",
  "account.signUpTitle": "Create your account",
  "account.logInTitle": "Log in to FitConnect",
  "account.haveAccount": "Already have an account? Log in",
  "account.noAccount": "New here? Create an account",
  "account.passwordHint": "At least 8 characters.",
  "account.signedInAs": "Signed in as {name}",
  "account.working": "Please wait…",

  "offline.waiting": {
    one: "offline — {count} workout waiting",
    other: "offline — {count} workouts waiting",
  },
  "offline.syncing": {
    one: "syncing {count} workout…",
    other: "syncing {count} workouts…",
  },
  "offline.failed": {
    one: "{count} workout could not be saved",
    other: "{count} workouts could not be saved",
  },

  "exercises.title": "Exercises",
  "exercises.search": "Search exercises",
  "exercises.muscle": "Muscle",
  "exercises.equipment": "Equipment",
  "exercises.category": "Category",
  "exercises.any": "Any",
  "exercises.none": "No exercise matches these filters.",
  "exercises.loadMore": "Load more",
  "exercises.end": "That is every exercise.",
  "exercises.count": {
    one: "{count} exercise shown",
    other: "{count} exercises shown",
  },
  "exercise.back": "All exercises",
  "exercise.primary": "Primary muscles",
  "exercise.secondary": "Secondary muscles",
  "exercise.instructions": "Instructions",
  "exercise.history": "Your history",
  "exercise.noHistory": "You have not logged this exercise yet.",
  "exercise.set": "{reps} × {weight}",

  "dashboard.title": "Dashboard",
  "dashboard.streak": {
    one: "{count} day streak",
    other: "{count} day streak",
  },
  "dashboard.weekVolume": "This week: {volume}",
  "dashboard.sessions": {
    one: "{count} session",
    other: "{count} sessions",
  },

  "screen.comingSoon": "This screen is on its way.",
  "plans.title": "Plans",
  "log.title": "Log workout",
  "progress.title": "Progress",
  "notifications.title": "Notifications",
  "shop.title": "Shop",
  "profile.title": "Profile",
  "admin.title": "Admin",
  "admin.forbidden": "Only administrators can open this page.",
} as const satisfies Catalog;

/** A key of the catalogs. */
export type MessageKey = keyof typeof en;
