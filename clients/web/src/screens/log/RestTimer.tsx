/**
 * A rest timer: start (with the exercise's rest), pause, reset; the time left is shown, and
 * the end is announced once (not every second).
 *
 * @module
 */
import { useEffect, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";

function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The timer; `startKey` changing (a set was added) restarts it with `seconds`. */
export function RestTimer({ seconds, startKey }: { seconds: number; startKey: number }) {
  const { t } = useI18n();
  const [left, setLeft] = useState(seconds);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (startKey === 0) return;
    setLeft(seconds);
    setRunning(true);
    setDone(false);
  }, [startKey, seconds]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      setLeft((value) => {
        if (value <= 1) {
          setRunning(false);
          setDone(true);
          return 0;
        }
        return value - 1;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <section className="rest-timer" aria-labelledby="rest-timer-title">
      <h2 id="rest-timer-title">{t("log.restTimer")}</h2>
      <p className="timer" role="timer" aria-live="off">{clock(left)}</p>
      <p role="status" aria-live="polite">{done ? t("log.restOver") : ""}</p>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            if (left === 0) setLeft(seconds);
            setDone(false);
            setRunning(!running);
          }}
        >
          {running ? t("log.pause") : t("log.startRest")}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setRunning(false);
            setDone(false);
            setLeft(seconds);
          }}
        >
          {t("log.reset")}
        </button>
      </div>
    </section>
  );
}
