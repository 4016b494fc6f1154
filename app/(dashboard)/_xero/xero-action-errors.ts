import { ActionError } from "@/lib/auth/action";
import { RecordError } from "@/lib/errors";
import { XeroError } from "@/lib/xero/errors";

/** Xero's and Factory's refusals reach the screen as messages; anything else is a bug and is thrown. */
export async function asXeroActionErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RecordError || error instanceof XeroError) throw new ActionError(error.message);
    throw error;
  }
}
