/**
 * The exercise catalog: search as you type (debounced), filters by muscle, equipment and
 * category (kept in the URL), and infinite scroll over the gateway's cursor pages, with a
 * "Load more" button for keyboards and assistive technology.
 *
 * @module
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { categories, equipment, muscles } from "@fitconnect/clients-shared/catalog";
import { useI18n } from "../app/i18n.tsx";
import { Link, navigate, useLocation } from "../app/router.tsx";
import { graphql } from "../api/graphql.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../components/Feedback.tsx";
import {
  ExercisesDocument,
  type ExercisesQuery,
  type ExercisesQueryVariables,
} from "../graphql/operations.generated.ts";

type Card = ExercisesQuery["exercises"]["items"][number];

const pageSize = 30;
const debounceMs = 250;

/** `cardio_machine` → "cardio machine" (until the catalog names come from the API). */
export function label(value: string): string {
  return value.replaceAll("_", " ");
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface Filters {
  q: string;
  muscle: string;
  equipment: string;
  category: string;
}

const filterKeys = ["q", "muscle", "equipment", "category"] as const;

function filtersOf(params: URLSearchParams): Filters {
  return {
    q: params.get("q") ?? "",
    muscle: params.get("muscle") ?? "",
    equipment: params.get("equipment") ?? "",
    category: params.get("category") ?? "",
  };
}

/** Cursor pages of one filter set, appended as the member scrolls. */
function usePages(filters: Filters) {
  const [items, setItems] = useState<Card[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const generation = useRef(0);
  const key = JSON.stringify(filters);

  const load = useCallback(async (after: string | undefined, gen: number) => {
    setLoading(true);
    setError(undefined);
    const variables: ExercisesQueryVariables = { limit: pageSize, cursor: after ?? null };
    const current = JSON.parse(key) as Filters;
    for (const name of filterKeys) if (current[name]) variables[name] = current[name];
    try {
      const data = await graphql.request(ExercisesDocument, variables);
      if (gen !== generation.current) return;
      setItems((previous) => after ? [...previous, ...data.exercises.items] : data.exercises.items);
      setCursor(data.exercises.nextCursor);
    } catch (failure) {
      if (gen === generation.current) setError(failure as Error);
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    const gen = ++generation.current;
    setItems([]);
    setCursor(undefined);
    void load(undefined, gen);
  }, [load]);

  const more = useCallback(() => {
    if (loading || error || !cursor) return;
    void load(cursor, generation.current);
  }, [loading, error, cursor, load]);

  const retry = useCallback(() => {
    void load(cursor ?? undefined, generation.current);
  }, [cursor, load]);

  return { items, hasMore: cursor !== null, loading, error, more, retry, done: cursor === null };
}

function Select(
  { name, label: text, options, value, onChange }: {
    name: string;
    label: string;
    options: readonly string[];
    value: string;
    onChange: (value: string) => void;
  },
) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{text}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">{t("exercises.any")}</option>
        {options.map((option) => <option key={option} value={option}>{label(option)}</option>)}
      </select>
    </div>
  );
}

/** `/exercises` */
export function ExercisesScreen() {
  const { t } = useI18n();
  const location = useLocation();
  const fromUrl = filtersOf(location.searchParams);
  const [query, setQuery] = useState(fromUrl.q);
  const q = useDebounced(query.trim(), debounceMs);
  const filters: Filters = { ...fromUrl, q };
  const pages = usePages(filters);
  const sentinel = useRef<HTMLLIElement>(null);
  const searchId = useId();

  // Keep the URL in step with the filters (shareable, back button), without a history entry.
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (q) params.set("q", q);
    else params.delete("q");
    const search = params.toString();
    if (search !== location.searchParams.toString()) {
      navigate(`/exercises${search ? `?${search}` : ""}`, { replace: true });
    }
  }, [q]);

  const setFilter = (name: keyof Filters, value: string) => {
    const params = new URLSearchParams(location.search);
    if (value) params.set(name, value);
    else params.delete(name);
    const search = params.toString();
    navigate(`/exercises${search ? `?${search}` : ""}`, { replace: true });
  };

  const { more } = pages;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) more();
    }, { rootMargin: "400px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [more]);

  return (
    <section>
      <ScreenTitle>{t("exercises.title")}</ScreenTitle>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field grow">
          <label htmlFor={searchId}>{t("exercises.search")}</label>
          <input
            id={searchId}
            type="search"
            name="q"
            value={query}
            autoComplete="off"
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
        </div>
        <Select
          name="muscle"
          label={t("exercises.muscle")}
          options={muscles}
          value={fromUrl.muscle}
          onChange={(value) => setFilter("muscle", value)}
        />
        <Select
          name="equipment"
          label={t("exercises.equipment")}
          options={equipment}
          value={fromUrl.equipment}
          onChange={(value) => setFilter("equipment", value)}
        />
        <Select
          name="category"
          label={t("exercises.category")}
          options={categories}
          value={fromUrl.category}
          onChange={(value) => setFilter("category", value)}
        />
      </form>
      <p className="result-count" role="status">
        {!pages.loading && t("exercises.count", { count: pages.items.length })}
      </p>
      {pages.items.length === 0 && !pages.loading && !pages.error && <p>{t("exercises.none")}</p>}
      <ul className="cards" aria-busy={pages.loading}>
        {pages.items.map((exercise) => (
          <li key={exercise.id} className="card">
            <Link to={`/exercises/${encodeURIComponent(exercise.id)}`}>{exercise.name}</Link>
            <p className="meta">
              {label(exercise.category)} · {label(exercise.equipment)} ·{" "}
              {exercise.primaryMuscles.map(label).join(", ")}
            </p>
          </li>
        ))}
        <li ref={sentinel} className="sentinel" aria-hidden="true" />
      </ul>
      {pages.loading && <Loading />}
      {pages.error && <ErrorRetry onRetry={pages.retry} />}
      {!pages.loading && !pages.error && pages.hasMore && pages.items.length > 0 && (
        <button type="button" className="secondary" onClick={pages.more}>
          {t("exercises.loadMore")}
        </button>
      )}
      {pages.done && pages.items.length > 0 && <p className="meta">{t("exercises.end")}</p>}
    </section>
  );
}
