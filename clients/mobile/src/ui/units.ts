/** The member's units (from the profile), for entering and showing weights. */
import { createContext, useContext } from "react";
import { kilogramsPerPound, type Units } from "@fitconnect/clients-shared/i18n";

export const UnitsContext = createContext<Units>("metric");

/** The member's units. */
export function useUnits(): Units {
  return useContext(UnitsContext);
}

/** A weight typed in the member's units ("80", "80,5"), in kilograms; undefined if not a number. */
export function kilogramsOf(text: string, units: Units): number | undefined {
  const value = Number(text.trim().replace(",", "."));
  if (!text.trim() || !Number.isFinite(value) || value < 0) return undefined;
  const kg = units === "imperial" ? value * kilogramsPerPound : value;
  return Math.round(kg * 100) / 100;
}
