/**
 * English messages of the mobile app's own screens (clients/mobile), kept apart so that each
 * catalog file stays small; ./en.ts spreads them in, so they are ordinary keys of the catalog.
 *
 * @module
 */

/** The mobile app's English messages. */
export const enMobile = {
  "mobile.refresh": "Refresh",
  "mobile.today.title": "Today",
  "mobile.today.next": "Next: {name}",
  "mobile.today.planLine": "{name}: {sets} × {reps}",
  "mobile.today.start": "Start {name}",
  "mobile.today.noPlan": "You have no plan of your own yet: start a quick workout.",
  "mobile.today.quickStart": "Quick start",
  "mobile.today.quickName": "Quick workout",
  "mobile.log.none": "No workout in progress.",
  "mobile.log.exercise": "Exercise",
  "mobile.log.reps": "Reps",
  "mobile.log.weightKg": "Weight (kg)",
  "mobile.log.weightLb": "Weight (lb)",
  "mobile.log.logSet": "Log set",
  "mobile.log.invalidSet": "Choose an exercise and enter whole reps (1 or more) and a weight.",
  "mobile.log.sets": { one: "{count} set logged", other: "{count} sets logged" },
  "mobile.log.setLine": "{n}. {name}: {reps} × {weight}",
  "mobile.log.finish": "Finish workout",
  "mobile.log.finished": "Workout finished: sending it now.",
  "mobile.history.title": "History",
  "mobile.history.session": "Session of {date}",
  "mobile.history.summary": "{sets} sets · {volume}",
  "mobile.notifications.open": "Open",
  "mobile.notifications.openNamed": "Open: {title}",
  "mobile.sync.label": "Sync",
  "mobile.sync.synced": "All workouts are synced.",
  "mobile.sync.waiting": {
    one: "{count} workout waiting to sync",
    other: "{count} workouts waiting to sync",
  },
  "mobile.sync.retry": "Sync now",
  "mobile.sync.discard": "Discard",
} as const;
