/**
 * The web app's entry: the shell (layout, router, language, session, outbox); every screen
 * is a chunk of its own, loaded on demand.
 *
 * @module
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { resumeSession } from "./api/refresh.ts";
import "./styles.css";

// A reload keeps the member signed in: the refresh cookie gives a new access token.
void resumeSession();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
