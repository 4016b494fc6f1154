import type { Executor } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { env } from "@/lib/env";
import { ianaTimeZone } from "@/lib/xero/time-zones";

/**
 * The time zone Factory works in: the one its dates ("today") and shown times belong to. The Xero
 * organisation's own (Organisation.Timezone, read on connecting) while connected or waiting for a
 * reconnect (still the same books), else the configured DEFAULT_TIME_ZONE.
 */
export async function loadTimeZone(db: Executor): Promise<string> {
  const connection = await getXeroConnection(db);
  const organisation = connection?.status === "disconnected" ? null : ianaTimeZone(connection?.timeZone);
  return organisation ?? env.DEFAULT_TIME_ZONE;
}
