/**
 * An exercise's name from its id when the name was not fetched: ids are the names in kebab
 * case (`barbell-back-squat` → "Barbell back squat").
 *
 * @module
 */

/** A readable name for an exercise id. */
export function exerciseName(id: string): string {
  const words = id.replaceAll("-", " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}
