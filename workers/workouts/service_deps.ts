/**
 * What the workouts use cases need: one file that both ./service.ts and
 * ./session_service.ts import, so neither imports the other's module.
 *
 * @module
 */
import type { WorkoutsRepository } from "./repository.ts";

/** What the use cases need. */
export interface WorkoutsServiceDeps {
  repository: WorkoutsRepository;
  now: () => Date;
  /** Counts a newly logged session and the personal records it set. */
  sessionLogged?: (personalRecords: number) => void;
}
