"use server";

import { redirect } from "next/navigation";
import { ActionError, authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { deletePendingAuthorisation, findPendingAuthorisation } from "@/lib/db/queries/xero-connection";
import { activateOrganisation, OrganisationSwitchNeedsConfirmation } from "@/lib/xero/connect";
import { XeroError } from "@/lib/xero/api/errors";
import { openTokenSet } from "@/lib/xero/api/token-store";
import { chooseOrganisationSchema } from "../schema";
import { afterXeroConnect } from "@/lib/sync/resume";

export const chooseOrganisation = authedAction(
  chooseOrganisationSchema,
  async ({ pendingId, tenantId, confirmSwitch }, { user }) => {
    const db = getDb();
    const pending = await findPendingAuthorisation(db, pendingId, user.id);
    if (!pending) throw new ActionError("This connection attempt has expired. Connect to Xero again.");
    if (!pending.tenants.some((t) => t.tenantId === tenantId)) {
      throw new ActionError("Check the highlighted fields.", {
        tenantId: ["Choose one of these organisations"],
      });
    }
    try {
      await activateOrganisation(db, {
        tokens: openTokenSet(pending.encryptedTokenSet),
        tenantId,
        userId: user.id,
        confirmSwitch,
      });
    } catch (error) {
      if (error instanceof OrganisationSwitchNeedsConfirmation) {
        throw new ActionError(error.message, { confirmSwitch: ["Tick to confirm the switch"] });
      }
      if (error instanceof XeroError) throw new ActionError(`Xero said: ${error.message}`);
      throw error;
    }
    await deletePendingAuthorisation(db, pendingId);
    await afterXeroConnect(db, user.id);
    redirect("/xero?connected=1");
  },
  { role: "admin" },
);
