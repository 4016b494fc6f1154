"use server";

import { partyActions } from "../_records/party-actions";

const customerActions = partyActions("customer");

export const createCustomer = customerActions.create;
export const updateCustomer = customerActions.update;
export const archiveCustomer = customerActions.archive;
export const unarchiveCustomer = customerActions.unarchive;
export const deleteCustomer = customerActions.remove;
