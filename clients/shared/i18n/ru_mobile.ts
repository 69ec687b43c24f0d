/**
 * Russian messages of the mobile app's own screens: the keys of ./en_mobile.ts.
 *
 * @module
 */
import type { enMobile } from "./en_mobile.ts";
import type { Message } from "./types.ts";

/** The mobile app's Russian messages. */
export const ruMobile: Readonly<Record<keyof typeof enMobile, Message>> = {
  "mobile.refresh": "Обновить",
  "mobile.today.title": "Сегодня",
  "mobile.today.next": "Далее: {name}",
  "mobile.today.planLine": "{name}: {sets} × {reps}",
  "mobile.today.start": "Начать: {name}",
  "mobile.today.noPlan": "У вас пока нет своего плана: начните быструю тренировку.",
  "mobile.today.quickStart": "Быстрый старт",
  "mobile.today.quickName": "Быстрая тренировка",
  "mobile.log.none": "Тренировка не начата.",
  "mobile.log.exercise": "Упражнение",
  "mobile.log.reps": "Повторения",
  "mobile.log.weightKg": "Вес (кг)",
  "mobile.log.weightLb": "Вес (фунты)",
  "mobile.log.logSet": "Записать подход",
  "mobile.log.invalidSet": "Выберите упражнение и введите целое число повторений (от 1) и вес.",
  "mobile.log.sets": {
    one: "{count} подход записан",
    few: "{count} подхода записано",
    many: "{count} подходов записано",
    other: "{count} подхода записано",
  },
  "mobile.log.setLine": "{n}. {name}: {reps} × {weight}",
  "mobile.log.finish": "Завершить тренировку",
  "mobile.log.finished": "Тренировка завершена: отправляем.",
  "mobile.history.title": "История",
  "mobile.history.session": "Тренировка {date}",
  "mobile.history.summary": "Подходов: {sets} · {volume}",
  "mobile.notifications.open": "Открыть",
  "mobile.notifications.openNamed": "Открыть: {title}",
  "mobile.sync.label": "Синхронизация",
  "mobile.sync.synced": "Все тренировки синхронизированы.",
  "mobile.sync.waiting": {
    one: "{count} тренировка ждёт синхронизации",
    few: "{count} тренировки ждут синхронизации",
    many: "{count} тренировок ждут синхронизации",
    other: "{count} тренировки ждут синхронизации",
  },
  "mobile.sync.retry": "Синхронизировать",
  "mobile.sync.discard": "Удалить",
};
