import { type ReactNode, useEffect, useRef } from "react";
import { locales } from "@fitconnect/clients-shared/i18n";
import type { MessageKey } from "@fitconnect/clients-shared/i18n";
import { useI18n } from "../app/i18n.tsx";
import { Link, navigate, useLocation } from "../app/router.tsx";
import { logOut } from "../api/auth.ts";
import { useSession } from "../api/session.ts";
import { useUnreadCount } from "../api/unread.ts";
import { OfflineIndicator } from "./OfflineIndicator.tsx";

/** The main navigation, in order; "Admin" only for admins. */
export const navItems: readonly { to: string; label: MessageKey; admin?: true }[] = [
  { to: "/", label: "nav.dashboard" },
  { to: "/exercises", label: "nav.exercises" },
  { to: "/plans", label: "nav.plans" },
  { to: "/log", label: "nav.logWorkout" },
  { to: "/progress", label: "nav.progress" },
  { to: "/notifications", label: "nav.notifications" },
  { to: "/shop", label: "nav.shop" },
  { to: "/profile", label: "nav.profile" },
  { to: "/admin", label: "nav.admin", admin: true },
];

function isCurrent(to: string, pathname: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

function LanguageSwitcher() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="language">
      <span>{t("language.label")}</span>
      <select
        value={locale}
        onChange={(event) => setLocale(event.currentTarget.value as typeof locale)}
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Account() {
  const { t } = useI18n();
  const session = useSession();
  if (!session) {
    return <Link to="/login" className="button secondary">{t("account.logIn")}</Link>;
  }
  return (
    <div className="account">
      <span className="signed-in">
        {t("account.signedInAs", { name: session.user.displayName })}
      </span>
      <button
        type="button"
        className="secondary"
        onClick={async () => {
          await logOut();
          navigate("/login");
        }}
      >
        {t("account.logOut")}
      </button>
    </div>
  );
}

/** Header, main navigation, offline indicator, and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const session = useSession();
  const admin = session?.user.role === "admin";
  const unread = useUnreadCount();
  const navList = useRef<HTMLUListElement>(null);
  // On a phone the navigation scrolls sideways: keep the current page's link in view.
  useEffect(() => {
    const reveal = () => {
      const list = navList.current;
      const link = list?.querySelector<HTMLElement>('[aria-current="page"]');
      if (!list || !link) return;
      const left = link.offsetLeft;
      const right = left + link.offsetWidth;
      if (left < list.scrollLeft || right > list.scrollLeft + list.clientWidth) {
        list.scrollLeft = left - (list.clientWidth - link.offsetWidth) / 2;
      }
    };
    reveal();
    globalThis.addEventListener("resize", reveal);
    return () => globalThis.removeEventListener("resize", reveal);
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">{t("app.skipToContent")}</a>
      <header className="top">
        <Link to="/" className="brand">{t("app.name")}</Link>
        <div className="top-controls">
          <LanguageSwitcher />
          <Account />
        </div>
      </header>
      <nav aria-label={t("nav.label")} className="main-nav">
        <ul ref={navList}>
          {navItems.filter((item) => !item.admin || admin).map((item) => (
            <li key={item.to}>
              <Link to={item.to} current={isCurrent(item.to, pathname)}>{t(item.label)}</Link>
              {item.to === "/notifications" && unread > 0 && (
                <span className="badge">
                  <span className="visually-hidden">{t("nav.unread", { count: unread })}</span>
                  <span aria-hidden="true">{unread >= 50 ? "50+" : unread}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <OfflineIndicator />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
