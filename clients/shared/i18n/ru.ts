/**
 * Russian messages; the type makes every English key required.
 *
 * @module
 */
import type { MessageKey } from "./en.ts";
import type { Message } from "./types.ts";

/** The Russian catalog. */
export const ru: Readonly<Record<MessageKey, Message>> = {
  "app.name": "FitConnect",
  "app.skipToContent": "Перейти к содержанию",
  "app.loading": "Загрузка…",
  "app.retry": "Повторить",
  "app.networkError": "Не удалось связаться с FitConnect. Проверьте подключение и повторите.",
  "app.notFound": "Такой страницы нет.",
  "app.signInRequired": "Войдите, чтобы открыть эту страницу.",

  "nav.label": "Основное",
  "nav.dashboard": "Сводка",
  "nav.exercises": "Упражнения",
  "nav.plans": "Планы",
  "nav.logWorkout": "Записать тренировку",
  "nav.progress": "Прогресс",
  "nav.notifications": "Уведомления",
  "nav.shop": "Магазин",
  "nav.profile": "Профиль",
  "nav.admin": "Администрирование",

  "language.label": "Язык",
  "language.en": "English",
  "language.ru": "Русский",

  "account.email": "Эл. почта",
  "account.password": "Пароль",
  "account.displayName": "Имя",
  "account.createAccount": "Создать аккаунт",
  "account.logIn": "Войти",
  "account.logOut": "Выйти",
  "account.signUpTitle": "Создайте аккаунт",
  "account.logInTitle": "Вход в FitConnect",
  "account.haveAccount": "Уже есть аккаунт? Войдите",
  "account.noAccount": "Впервые здесь? Создайте аккаунт",
  "account.passwordHint": "Не короче 8 символов.",
  "account.signedInAs": "Вы вошли как {name}",
  "account.working": "Подождите…",

  "offline.waiting": {
    one: "нет сети — {count} тренировка ждёт отправки",
    few: "нет сети — {count} тренировки ждут отправки",
    many: "нет сети — {count} тренировок ждут отправки",
    other: "нет сети — {count} тренировки ждут отправки",
  },
  "offline.syncing": {
    one: "отправляется {count} тренировка…",
    few: "отправляются {count} тренировки…",
    many: "отправляются {count} тренировок…",
    other: "отправляются {count} тренировки…",
  },
  "offline.failed": {
    one: "{count} тренировку не удалось сохранить",
    few: "{count} тренировки не удалось сохранить",
    many: "{count} тренировок не удалось сохранить",
    other: "{count} тренировки не удалось сохранить",
  },

  "exercises.title": "Упражнения",
  "exercises.search": "Поиск упражнений",
  "exercises.muscle": "Мышцы",
  "exercises.equipment": "Оборудование",
  "exercises.category": "Категория",
  "exercises.any": "Любое",
  "exercises.none": "Под эти фильтры не подходит ни одно упражнение.",
  "exercises.loadMore": "Показать ещё",
  "exercises.end": "Это все упражнения.",
  "exercises.count": {
    one: "Показано {count} упражнение",
    few: "Показано {count} упражнения",
    many: "Показано {count} упражнений",
    other: "Показано {count} упражнения",
  },
  "exercise.back": "Все упражнения",
  "exercise.primary": "Основные мышцы",
  "exercise.secondary": "Вспомогательные мышцы",
  "exercise.instructions": "Техника",
  "exercise.history": "Ваша история",
  "exercise.noHistory": "Вы ещё не записывали это упражнение.",
  "exercise.set": "{reps} × {weight}",

  "dashboard.title": "Сводка",
  "dashboard.streak": {
    one: "{count} день подряд",
    few: "{count} дня подряд",
    many: "{count} дней подряд",
    other: "{count} дня подряд",
  },
  "dashboard.weekVolume": "На этой неделе: {volume}",
  "dashboard.sessions": {
    one: "{count} тренировка",
    few: "{count} тренировки",
    many: "{count} тренировок",
    other: "{count} тренировки",
  },

  "screen.comingSoon": "Этот раздел скоро появится.",
  "plans.title": "Планы",
  "log.title": "Записать тренировку",
  "progress.title": "Прогресс",
  "notifications.title": "Уведомления",
  "shop.title": "Магазин",
  "profile.title": "Профиль",
  "admin.title": "Администрирование",
  "admin.forbidden": "Эта страница доступна только администраторам.",
};
