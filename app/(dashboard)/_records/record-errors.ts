import { ActionError } from "@/lib/auth/action";
import { RecordError } from "@/lib/errors";

/** Lets a Factory rule's refusal (RecordError) reach the form as an action result with field errors. */
export async function asActionErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RecordError) throw new ActionError(error.message, error.fieldErrors);
    throw error;
  }
}
