/**
 * Plan update and delete (REST `PATCH`/`DELETE /v1/workouts/:id`).
 *
 * @module
 */
import {
  DeleteWorkoutDocument,
  UpdateWorkoutDocument,
  type UpdateWorkoutMutation,
} from "../../graphql/proposed.generated.ts";
import { rest, segment } from "../rest.ts";
import { adapter } from "./adapter.ts";

export const planAdapters = [
  adapter(UpdateWorkoutDocument, async ({ id, input }) => ({
    updateWorkout: await rest<UpdateWorkoutMutation["updateWorkout"]>(
      `/v1/workouts/${segment(id)}`,
      { method: "PATCH", body: input },
    ),
  })),
  adapter(DeleteWorkoutDocument, async ({ id }) => {
    await rest<void>(`/v1/workouts/${segment(id)}`, { method: "DELETE" });
    return { deleteWorkout: true };
  }),
];
