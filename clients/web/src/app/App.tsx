/**
 * The app: providers, the layout and the route table. Screens other than the shell's load on
 * demand (one chunk each; admin and charts never reach the initial bundle).
 *
 * @module
 */
import { Component, lazy, type ReactNode, Suspense, useEffect, useRef } from "react";
import { I18nProvider, useI18n } from "./i18n.tsx";
import { Link, matchPath, type Params, useLocation } from "./router.tsx";
import { useSession } from "../api/session.ts";
import { useResuming } from "../api/refresh.ts";
import { Layout } from "../components/Layout.tsx";
import { ErrorRetry, Loading, ScreenTitle } from "../components/Feedback.tsx";
import { startOutbox } from "../offline/outbox.ts";

const loadDashboard = () => import("../screens/Dashboard.tsx");
const Dashboard = lazy(() =>
  loadDashboard().then((module) => ({ default: module.DashboardScreen }))
);
const Exercises = lazy(() =>
  import("../screens/Exercises.tsx").then((module) => ({ default: module.ExercisesScreen }))
);
const ExerciseDetail = lazy(() =>
  import("../screens/ExerciseDetail.tsx").then((module) => ({
    default: module.ExerciseDetailScreen,
  }))
);
const SignUp = lazy(() =>
  import("../screens/Account.tsx").then((module) => ({ default: module.SignUpScreen }))
);
const LogIn = lazy(() =>
  import("../screens/Account.tsx").then((module) => ({ default: module.LogInScreen }))
);
const Plans = lazy(() =>
  import("../screens/plans/Plans.tsx").then((module) => ({ default: module.PlansScreen }))
);
const PlanBuilder = lazy(() =>
  import("../screens/plans/PlanBuilder.tsx").then((module) => ({
    default: module.PlanBuilderScreen,
  }))
);
const LogWorkout = lazy(() =>
  import("../screens/log/LogWorkout.tsx").then((module) => ({ default: module.LogWorkoutScreen }))
);
const Notifications = lazy(() =>
  import("../screens/notifications/Notifications.tsx").then((module) => ({
    default: module.NotificationsScreen,
  }))
);
const Shop = lazy(() =>
  import("../screens/shop/Shop.tsx").then((module) => ({ default: module.ShopScreen }))
);
const Profile = lazy(() =>
  import("../screens/profile/Profile.tsx").then((module) => ({ default: module.ProfileScreen }))
);
const Progress = lazy(() => import("../screens/Progress.tsx"));
const Admin = lazy(() => import("../screens/Admin.tsx"));

interface Route {
  path: string;
  render: (params: Params) => ReactNode;
  /** Needs a signed-in member. */
  auth?: true;
  /** Fetches the screen's code while a reload signs the member in again (not after). */
  preload?: () => Promise<unknown>;
}

/** The app's routes, first match wins. */
export const routes: readonly Route[] = [
  // The screen a reload lands on most: its code loads during the sign-in, not after it.
  { path: "/", render: () => <Dashboard />, auth: true, preload: loadDashboard },
  { path: "/exercises", render: () => <Exercises /> },
  { path: "/exercises/:id", render: (params) => <ExerciseDetail params={params} /> },
  { path: "/plans", render: () => <Plans />, auth: true },
  { path: "/plans/new", render: (params) => <PlanBuilder params={params} />, auth: true },
  { path: "/plans/:id/edit", render: (params) => <PlanBuilder params={params} />, auth: true },
  { path: "/log", render: () => <LogWorkout />, auth: true },
  { path: "/progress", render: () => <Progress />, auth: true },
  { path: "/notifications", render: () => <Notifications />, auth: true },
  { path: "/shop", render: () => <Shop /> },
  { path: "/profile", render: () => <Profile />, auth: true },
  { path: "/admin", render: () => <Admin />, auth: true },
  { path: "/signup", render: () => <SignUp /> },
  { path: "/login", render: () => <LogIn /> },
];

function NeedsLogin({ pathname }: { pathname: string }) {
  const { t } = useI18n();
  return (
    <section>
      <ScreenTitle>{t("app.signInRequired")}</ScreenTitle>
      <p>
        <Link to={`/login?next=${encodeURIComponent(pathname)}`}>{t("account.logIn")}</Link>
      </p>
      <p>
        <Link to="/signup">{t("account.noAccount")}</Link>
      </p>
    </section>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <ScreenTitle>{t("app.notFound")}</ScreenTitle>;
}

/** A chunk that failed to load (offline, new deploy) offers a reload instead of a blank page. */
class ChunkBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { failed: boolean; key: string }
> {
  override state = { failed: false, key: this.props.resetKey };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { failed: boolean; key: string },
  ) {
    return props.resetKey === state.key ? null : { failed: false, key: props.resetKey };
  }
  override render() {
    return this.state.failed
      ? <ErrorRetry onRetry={() => location.reload()} />
      : this.props.children;
  }
}

function Screen() {
  const { pathname } = useLocation();
  const session = useSession();
  const resuming = useResuming();
  const first = useRef(true);
  // After a navigation, move focus to the new page's title (announced by screen readers).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    (heading ?? document.getElementById("main"))?.focus({ preventScroll: true });
  }, [pathname]);

  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.auth && !session) {
      if (!resuming) return <NeedsLogin pathname={pathname} />;
      route.preload?.().catch(() => {}); // import() runs once; a failure shows when it renders
      return <Loading />;
    }
    return route.render(params);
  }
  return <NotFound />;
}

/** The whole app. */
export function App() {
  useEffect(startOutbox, []);
  const { pathname } = useLocation();
  return (
    <I18nProvider>
      <Layout>
        <ChunkBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>
            <Screen />
          </Suspense>
        </ChunkBoundary>
      </Layout>
    </I18nProvider>
  );
}
